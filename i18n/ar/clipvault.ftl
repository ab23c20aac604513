# رسائل clipvault بالعربية (clipvault's messages in Arabic). The reference is i18n/en/clipvault.ftl:
# the same ids, the same placeables ({ $name }), in the same order.
# Words used throughout: vault = خزنة، passphrase = عبارة المرور، key = مفتاح، recovery key = مفتاح الاسترداد،
# item = عنصر، evidence = دليل/أدلة، mark as evidence = تمييز كدليل، custody log = سجل الحيازة،
# shred/wipe = حذف نهائي (إتلاف)، hidden part/compartment = جزء مخفي، unlock session = جلسة فتح،
# tag = وسم/وسوم، thumbnail = صورة مصغّرة، bundle = حزمة، terminal = طرفية، keyboard key = زر.
# Counted nouns use the Arabic plural categories: [one] [two] [few] (3-10) [many] (11-99) *[other] (100, 0...).

## Answers

# Words that mean "yes" to a y/N question, separated by spaces ("y" and "yes" always work).
answer-yes = y yes نعم ن أجل ايوه اه

## Errors that any command can give

try-again = { $error }؛ يُرجى المحاولة مرة أخرى
nothing-changed = { $error }؛ لم يتغيّر شيء
see-help = { $error } (للمساعدة: `clipvault --help`)
io-failed = { $what } { $path }: { $reason }
output-failed = تعذّرت كتابة المخرجات: { $reason }
error-io = خطأ في القراءة أو الكتابة (I/O): { $reason }
error-busy = الخزنة مشغولة: عملية clipvault أخرى تكتب فيها الآن (يُرجى المحاولة مرة أخرى، أو إضافة --wait)
error-truncated = ملف الخزنة مبتور (نهايته مفقودة): لا يزال يُفتح للقراءة (list، cat، export)، لكنه لا يُفتح للكتابة أبدًا؛ يمكن نسخ ما فيه بالأمر `clipvault salvage --to NEW`
error-integrity = فشل فحص السلامة: { $damage } (إما أن أحدًا عبث بالخزنة، أو أنها تالفة؛ يُرجى تشغيل `clipvault verify`)
error-malformed = فشل فحص السلامة: { $damage }: { $rule } (البيانات موثّقة بالمفتاح، أي أن برنامجًا يملك المفتاح كتبها هكذا، أو أن هناك خللًا برمجيًا؛ يُرجى تشغيل `clipvault verify`)
damage-header = ترويسة الخزنة تالفة
damage-index = فهرس الخزنة تالف
damage-item = العنصر { $id } تالف
damage-truncated = ملف الخزنة مبتور
error-wrong-passphrase = عبارة المرور غير صحيحة
error-not-a-vault = هذه ليست خزنة clipvault
error-unsupported-version = نسخة clipvault هذه لا تدعم إصدار صيغة الخزنة { $version }
error-no-such-item = لا يوجد عنصر كهذا
error-ambiguous = العنصر غير محدد بدقة، والاحتمالات هي: { $ids }
error-rekeyed = تغيّرت مفاتيح الخزنة أو أُغلقت بأمر آخر أثناء قراءة هذا الأمر لها؛ يُرجى تشغيله مرة أخرى
error-evidence = { $count ->
        [one] العنصر { $ids } دليل
        [two] العنصران { $ids } دليلان
       *[other] العناصر { $ids } أدلة
    }: الحذف النهائي أو إعادة التسمية يتطلبان --force (ويُدوَّن ذلك في سجل الحيازة)
error-exists = يوجد ملف بالفعل في مسار الخزنة
error-duplicate = موجود بالفعل في الخزنة بهذا الاسم، بالمعرّف { $id }
error-costly-kdf = تطلب هذه الخزنة Argon2id بذاكرة قدرها { $mib } MiB وعدد دورات { $passes }، وهذا أكثر مما يسمح به هذا الجهاز دون سؤال (قد يستنفد الذاكرة)؛ إذا كان الملف موثوقًا، فيمكن إضافة --allow-costly-kdf
error-bad-label = تسمية المفتاح لا تتجاوز 64 بايت، ولا تحتوي على محارف تحكّم

## Passphrases

passphrase-file-unreadable = تعذّرت قراءة ملف عبارة المرور
passphrase-file-too-long = السطر الأول من ملف عبارة المرور { $path } أطول من 64 KiB؛ هل هذا هو الملف الصحيح؟
passphrase-file-not-text = ملف عبارة المرور { $path } ليس نصًا بترميز UTF-8
passphrase-file-empty = ملف عبارة المرور { $path } فارغ
passphrase-command-cannot-run = تعذّر تشغيل أمر عبارة المرور: { $reason }
passphrase-command-failed = فشل أمر عبارة المرور ({ $status })
passphrase-command-not-text = السطر الأول الذي طبعه أمر عبارة المرور ليس نصًا بترميز UTF-8
passphrase-command-empty = السطر الأول الذي طبعه أمر عبارة المرور فارغ
passphrase-no-terminal = لا توجد طرفية لطلب عبارة المرور؛ يُرجى استخدام --passphrase-file
prompt-new-passphrase = عبارة المرور الجديدة:{" "}
prompt-repeat-passphrase = عبارة المرور الجديدة مرة أخرى:{" "}
passphrases-differ = عبارتا المرور مختلفتان
passphrase-none = لم تُدخَل أي عبارة مرور
generated-passphrase = عبارة مرورك الجديدة (يُرجى كتابتها على ورق وحفظها بعيدًا عن الهاتف؛ فهي لا تظهر إلا الآن):
prompt-confirm-generated = للتأكد من أنها معك، يُرجى كتابتها مرة واحدة:{" "}
passphrase-no-terminal-confirm = لا توجد طرفية لتأكيد عبارة المرور
generated-mismatch-final = هذه ليست عبارة المرور التي ظهرت؛ لم يتغيّر شيء
generated-mismatch = ليست هي؛ يُرجى المحاولة مرة أخرى
passphrase-empty = عبارة المرور فارغة
passphrase-weak = من السهل تخمين عبارة المرور هذه؛ يُرجى اختيار عبارة أطول (أربع كلمات أو أكثر لا علاقة بينها)، أو إضافة --allow-weak-passphrase
passphrase-could-be-guessed = تحذير: يمكن تخمين عبارة المرور هذه؛ عدة كلمات لا علاقة بينها أقوى

## Questions

ask-no-terminal = لا يمكن السؤال دون طرفية
answer-unreadable = تعذّرت قراءة الإجابة: { $reason }
confirm-no-terminal = لا يمكن طلب التأكيد دون طرفية؛ يُرجى إضافة --yes
confirm-question = { $question } [y/N]{" "}

## Help: each command's one-line summary (about-COMMAND, about-GROUP-COMMAND), the global options

about = clipvault: خزنة وسائط خاصة ومشفّرة في ملف واحد.
about-init = إنشاء خزنة جديدة
about-add = إضافة ملفات، أو مجلدات بكل ما فيها؛ `-` يقرأ من الإدخال القياسي
about-list = عرض قائمة العناصر
about-rename = إعطاء عنصر اسمًا جديدًا (يتغيّر الفهرس فقط)
about-tag = إضافة وسوم إلى العناصر أو إزالتها
about-cat = كتابة محتوى عنصر إلى الإخراج القياسي (وليس إلى طرفية)
about-thumb = كتابة الصورة المصغّرة لعنصر (JPEG تُصنع الآن في الذاكرة) إلى الإخراج القياسي، وليس إلى طرفية
about-thumbnails = صنع الصور المصغّرة الناقصة وحفظها (للعناصر المضافة من قبل، أو مع --no-thumbnails)
about-evidence = خزانة الأدلة: تمييز العناصر كأدلة، وقراءة سجل الحيازة، وتصدير حزمة يمكن التحقق منها
about-fingerprint = بصمات (hashes) لموقعي StopNCII.org وTake It Down: بصمة PDQ للصور، وMD5 وSHA-256 لكل عنصر
about-gallery = الخزنة كشبكة من الصور المصغّرة في الطرفية (تُمسح عند الخروج)
about-export = كتابة العناصر كملفات عادية في مجلد
about-view = عرض عنصر دون كتابته على القرص
about-serve = معرض خاص في متصفح هذا الجهاز: على 127.0.0.1 فقط، ولا يُكتب شيء على القرص
about-shred = حذف العناصر نهائيًا (إتلافها)
about-passwd = تغيير عبارة المرور
about-info = عرض إعدادات الخزنة وأحجامها
about-upgrade = ترقية خزنة أقدم (بصيغة الإصدار 1 أو 2 أو 3) إلى الإصدار 4 الآن (أي أمر يكتب في الخزنة يفعل ذلك)
about-compact = إعادة كتابة الخزنة دون المساحة التي حرّرها حذف العناصر
about-salvage = نسخ كل عنصر سليم من خزنة تالفة إلى خزنة جديدة (بعبارة المرور نفسها)
about-verify = فحص كل بايت من كل عنصر ومن الفهرس
about-import = فك تشفير ملفات .age القياسية إلى الخزنة (بأسمائها دون `.age`)
about-key = عبارات المرور ومفاتيح الاسترداد: عرض، إضافة، إزالة، تجديد
about-wipe = حذف ملفات خارج الخزنة نهائيًا (الكتابة فوقها، تصفيرها، إعادة تسميتها، فك ارتباطها)
about-unlock = طلب عبارة المرور مرة واحدة: بعدها لن تسأل الأوامر على هذه الخزنة عن شيء لفترة
about-lock = إنهاء جلسة فتح هذه الخزنة الآن (أو جلسات كل الخزنات)
about-status = هل هذه الخزنة مفتوحة، وإلى متى
about-panic = جعل الخزنة مستحيلة الفتح فورًا: إتلاف كل خانات المفاتيح (دون الحاجة إلى عبارة المرور)
about-man = طباعة صفحة التعليمات (man)، أو صفحة أمر واحد (roff؛ `clipvault man add | man -l -`)
about-completions = طباعة الإكمال التلقائي للصدفة (shell)
about-key-list = عرض المفاتيح: المعرّف والنوع والتاريخ والتسمية
about-key-add = إضافة عبارة مرور (أو، مع --recovery، مفتاح استرداد يُعرض مرة واحدة)
about-key-remove = إزالة مفتاح (لا يُزال آخر مفتاح أبدًا)
about-key-rotate = تغيير كل المفاتيح (مفتاح رئيسي جديد، وإعادة تشفير كل العناصر) إذا احتُمل تسرّب مفتاح
about-evidence-mark = تمييز العناصر كأدلة، أو تغيير ملاحظتها ومصدرها (كل تغيير قيد في سجل الحيازة)
about-evidence-log = طباعة سجل الحيازة، مع التحقق منه قيدًا قيدًا
about-evidence-export = كتابة حزمة لمحامٍ أو للشرطة أو لمنصة: مجاميع تحقق (checksums) موقّعة بمفتاح الخزنة
about-evidence-key = عرض المفتاح الذي توقّع به هذه الخزنة الحزم، لإعطائه الآن لشخص موثوق
about-evidence-check = فحص حزمة: ملفاتها، وتوقيعها، و(مع --key) المفتاح الذي وقّعها

arg-vault = ملف الخزنة [الافتراضي: $CLIPVAULT_VAULT، وإلا ~/.local/share/clipvault/vault.clipvault]
arg-passphrase_file = قراءة عبارة المرور من السطر الأول في هذا الملف [متغير البيئة: CLIPVAULT_PASSPHRASE_FILE]
arg-passphrase_command = قراءة عبارة المرور من أول سطر يطبعه هذا الأمر (مثل مدير كلمات مرور، أو termux-fingerprint مع termux-keystore) [متغير البيئة: CLIPVAULT_PASSPHRASE_COMMAND]
arg-identity = فتح الخزنة بهوية استرداد (ملف AGE-SECRET-KEY-1...) بدلًا من عبارة المرور
arg-wait = إذا كانت عملية أخرى تكتب، انتظارها مهما طال الوقت
arg-wait_timeout = إذا كانت عملية أخرى تكتب، انتظارها SECONDS ثانية على الأكثر
arg-quiet = دون أشرطة تقدّم ولا رسائل حالة
arg-allow_costly_kdf = فتح الخزنة حتى لو طلب اشتقاق مفتاحها ذاكرة أو جهدًا أكثر من الإعداد strong أو من ربع ذاكرة هذا الجهاز (قد يفعل ذلك ملف وصل من شخص آخر)
arg-lang = لغة الرسائل: en أو hi أو ar [الافتراضي: $CLIPVAULT_LANG، وإلا لغة النظام: LC_ALL، LC_MESSAGES، LANG]
help-global-options = خيارات عامة
help-examples = أمثلة:
help-exit-codes = رموز الخروج: 0 نجاح، 1 خطأ آخر (ومنه ملف ليس خزنة)، 2 استخدام خاطئ، 3 عبارة مرور غير صحيحة، 4 فشل فحص السلامة، 5 لا يوجد عنصر كهذا، 6 الخزنة مشغولة.

## src/cli/session.rs

session-no-home = تعذّر العثور على المجلد الرئيسي (home)؛ يُرجى إضافة --vault PATH
prompt-passphrase = عبارة مرور الخزنة { $path }:{" "}
session-vault-is-folder = { $path } مجلد، وليس خزنة
session-not-vault-file = { $path } ليس ملف خزنة
session-no-vault = لا توجد خزنة في { $path } (يمكن إنشاء واحدة بالأمر `clipvault init`، أو إضافة --vault PATH)
session-cannot-open = تعذّر فتح الخزنة
prompt-recovery-key = يُرجى لصق مفتاح الاسترداد (AGE-SECRET-KEY-1...)، ثم الضغط على Enter:{" "}
session-recovery-unreadable = تعذّرت قراءة مفتاح الاسترداد: { $reason }
session-recovery-stdin-unreadable = تعذّرت قراءة مفتاح الاسترداد من الإدخال القياسي: { $reason }
session-identity-unreadable = تعذّرت قراءة ملف الهوية
session-no-identity = لا يحتوي { $path } على هوية age (AGE-SECRET-KEY-1...)
session-left = (جلسة فتح، الدقائق المتبقية: { $minutes })
session-wrong-passphrase-again = عبارة المرور غير صحيحة؛ يُرجى المحاولة مرة أخرى
session-upgraded = رُقّيت الخزنة إلى صيغة الإصدار 4 (صور مصغّرة، حشو، تسميات، مفاتيح مرتبطة بالفهرس، العثور على النسخ المشابهة، سجلّ التهديدات)؛ لم يعد بإمكان نسخ clipvault الأقدم من هذه النسخة فتحها
session-leftover-removed = أُزيل { $path } (تركته عملية compact أو key rotate أو init توقفت قبل أن تكتمل؛ بعد الكتابة فوق مفاتيحه أولًا)
session-busy = الخزنة مشغولة: عملية clipvault أخرى تكتب فيها؛ للانتظار حتى تنتهي، يمكن تشغيل: `{ $command }`
session-stale = جلسة الفتح لم تعد تفتح هذه الخزنة (تغيّرت عبارة مرورها أو أُزيلت، أو تغيّرت مفاتيح الخزنة)؛ يُرجى تشغيل `clipvault lock` ثم الأمر نفسه مرة أخرى
session-identity-wrong = هذه الهوية لا تفتح الخزنة
session-kdf-memory-too-large = قيمة --kdf-memory كبيرة جدًا
session-unknown-kdf-profile = قيمة --kdf-profile { $profile } غير معروفة؛ يُرجى اختيار واحدة من: { $profiles }
session-exists = { $path } موجود بالفعل؛ لم يتغيّر شيء
session-cannot-create-folder = تعذّر إنشاء المجلد
session-generate-and-file = الخيار --generate يصنع عبارة المرور بنفسه؛ يُرجى حذف --passphrase-file من الأمر
session-cannot-create-vault = تعذّر إنشاء الخزنة
session-created = أُنشئت الخزنة { $path }. يُرجى حفظ عبارة المرور في مكان آمن: من دونها لا يمكن استرجاع أي شيء في الخزنة.
session-ask-recovery = إنشاء مفتاح استرداد أيضًا، تحسّبًا لنسيان عبارة المرور؟
session-recovery-key = مفتاح الاسترداد (المفتاح { $id } في `key list`). يُرجى كتابته أو طباعته وحفظه في مكان آمن، بعيدًا عن الهاتف؛
    فهو يفتح الخزنة دون عبارة المرور (`clipvault --identity FILE ...`). لن يظهر إلا هذه المرة فقط:

## src/cli/keys.rs

keys-writing-reserve = جارٍ كتابة احتياطي عشوائي بحجم { $size }...
keys-new-file-needed = مع --passphrase-file، يجب تقديم العبارة الجديدة عبر --new-passphrase-file
keys-not-a-passphrase = المفتاح { $key } ليس عبارة مرور؛ الأمر `clipvault key list` يعرض المفاتيح
keys-changed = تغيّرت عبارة مرور المفتاح { $old }؛ العبارة القديمة لم تعد تفتح ملف الخزنة هذا. معرّف المفتاح الآن { $id }.
keys-kind-passphrase = عبارة مرور
keys-kind-recovery-key = مفتاح استرداد
keys-kind-unused = غير مستخدم
keys-described = { $id } ({ $kind }، أُضيف في { $added })
keys-described-label = { $id } ({ $kind }، { $label }، أُضيف في { $added })
keys-compartment-others-intro = هل في هذه الخزنة جزء مخفي آخر، غير الجزء الذي فُتح الآن؟ إن كان فيها، فيُرجى كتابة
    عبارة مروره، حتى يوضع الجزء الجديد في مكان لا يمكنه فيه الكتابة فوقه. وإن لم يكن، فيكفي الضغط على Enter.
prompt-other-compartment = عبارة مرور جزء مخفي آخر (أو Enter فقط):{" "}
keys-compartment-new-intro = والآن عبارة مرور الجزء المخفي الجديد: العبارة التي يمكن إعطاؤها إذا أجبرك أحد على فتح
    الخزنة. لن تُظهر إلا ما يُضاف بها.
keys-compartment-created = أُنشئ جزء مخفي: عبارة المرور الجديدة تفتحه، ولا شيء فيه بعد. كل عبارة مرور لا تُظهر إلا جزءها، ولا شيء في الملف يكشف عدد الأجزاء. يُرجى الانتباه (SECURITY.md): `compact` و`key rotate` لا يُبقيان إلا الجزء الذي يعملان فيه، وإضافة مفتاح خامس إلى أحد الأجزاء قد تكتب فوق مفتاح جزء آخر.
keys-several-no-terminal = لهذه الخزنة عدة عبارات مرور: { $keys }؛ يُرجى تحديد العبارة التي تُستبدل بـ --key ID
keys-several = لهذه الخزنة عدة عبارات مرور:
prompt-which-passphrase = أيّها يأخذ عبارة المرور الجديدة (معرّفه)؟{" "}
keys-not-one-of-these = { $answer } ليس من عبارات المرور هذه؛ لم يتغيّر شيء
keys-list-header-id = المعرّف
keys-list-header-kind = النوع
keys-list-header-created = تاريخ الإنشاء
keys-list-header-label = التسمية
keys-list-kind-recovery = استرداد
keys-list-opened-now = (فُتحت به الآن)
keys-past-safe = ملاحظة: هذا هو المفتاح رقم { $number } في هذه الخزنة؛ أي مفتاح بعد المفتاح رقم { $safe } قد يأخذ خانة جزء مخفي، إن كان في هذه الخزنة جزء كهذا (SECURITY.md)
keys-added-passphrase = أُضيفت عبارة مرور: المفتاح { $key }.
keys-rotate-others = تغيير المفاتيح يُبقي عبارة مرور واحدة فقط؛ هذه المفاتيح ستتوقف عن العمل:
keys-rotate-question = هذا يعيد كتابة الخزنة بما تفتحه عبارة المرور هذه فقط: أي جزء مخفي تفتحه عبارة مرور أخرى، إن كان في الخزنة جزء كهذا، سيُتلف.{ $keys } متابعة؟
nothing-was-changed = لم يتغيّر شيء
keys-re-encrypting = جارٍ إعادة التشفير
keys-rotated = تغيّرت مفاتيح { $path }: أُعيد تشفير { $count ->
        [one] عنصر واحد
        [two] عنصرين
        [few] { $count } عناصر
        [many] { $count } عنصرًا
       *[other] { $count } عنصر
    } بمفتاح رئيسي جديد.
keys-rotated-add-again = تغيّرت مفاتيح { $path }: أُعيد تشفير { $count ->
        [one] عنصر واحد
        [two] عنصرين
        [few] { $count } عناصر
        [many] { $count } عنصرًا
       *[other] { $count } عنصر
    } بمفتاح رئيسي جديد. يمكن إضافة عبارات المرور أو مفاتيح الاسترداد الأخرى من جديد بالأمر `key add`.
keys-remove-opened = المفتاح { $key } هو الذي فُتحت به الخزنة الآن؛ لإزالته يجب فتح الخزنة بمفتاح آخر، أو إضافة --force
keys-remove-last = المفتاح { $key } هو آخر عبارة مرور؛ لن يبقى بعده إلا مفاتيح الاسترداد. لإزالته يُرجى إضافة --force
keys-remove-question = إزالة المفتاح { $key }؟ بعد ذلك لن يفتح هذا المفتاح هذه الخزنة.
keys-removed = أُزيل المفتاح { $key }؛ لم يعد يفتح ملف الخزنة هذا.

## src/cli/panic.rs

panic-needs-yes = يحتاج panic إلى --yes عندما لا توجد طرفية لكتابة PANIC فيها
# What the person types to confirm panic: PANIC always works; a language may add its own word.
panic-word = PANIC
prompt-panic = لإتلاف كل مفاتيح { $path } الآن، يُرجى كتابة PANIC:{" "}
panic-cannot-overwrite = تعذّرت الكتابة فوق مفاتيح
panic-ended-others = { $count ->
        [one] أُنهيت عملية clipvault أخرى كانت الخزنة مفتوحة فيها
        [two] أُنهيت عمليتان أخريان لـ clipvault كانت الخزنة مفتوحة فيهما
        [few] أُنهيت { $count } عمليات clipvault أخرى كانت الخزنة مفتوحة فيها
        [many] أُنهيت { $count } عملية clipvault أخرى كانت الخزنة مفتوحة فيها
       *[other] أُنهيت { $count } عملية clipvault أخرى كانت الخزنة مفتوحة فيها
    }
panic-done = { $path }: أُتلفت كل خانات المفاتيح؛ لم يعد هذا الملف يُفتح بأي عبارة مرور أو مفتاح استرداد. لكن أي نسخة من الملف صُنعت قبل ذلك (نسخة احتياطية، نسخة في السحابة) لا تزال تُفتح بعبارة المرور القديمة.
panic-cannot-delete = أُتلفت المفاتيح، لكن تعذّر حذف الملف
panic-deleted = حُذف { $path }

## src/cli/items.rs

items-shred-question = حذف { $items } نهائيًا؟ لا يمكن التراجع عن هذا.
items-shred-question-evidence = حذف { $items } نهائيًا؟ لا يمكن التراجع عن هذا. تنبيه: { $evidence } من الأدلة.
items-nothing-shredded = لم يُحذف شيء
items-shred-not-overwritten = أُزيل { $items } من الخزنة نهائيًا، لكن فشلت الكتابة فوق المحتوى ({ $reason })؛ أول أمر يكتب في الخزنة بعد الآن سيكتب فوقه من جديد
items-shredded = حُذف نهائيًا: { $item }
items-cannot-wipe = تعذّر الحذف النهائي لـ
items-wipe-folder = { $path } مجلد؛ لحذفه نهائيًا يُرجى إضافة --recursive
items-cannot-read-folder = تعذّرت قراءة المجلد { $path }: { $reason }
items-wipe-vault = { $path } هو خزنتك؛ لن يُحذف نهائيًا (يمكن حذف العناصر بدلًا من ذلك، أو حذف الملف بنفسك)
items-wipe-question = حذف { $count ->
        [one] ملف واحد
        [two] ملفين
        [few] { $count } ملفات
        [many] { $count } ملفًا
       *[other] { $count } ملف
    } نهائيًا؟ لا يمكن التراجع عن هذا.
items-nothing-wiped = لم يُحذف شيء
items-could-not-wipe = تعذّر الحذف النهائي لـ { $path }: { $reason }
items-could-not-remove-folder = تعذّرت إزالة المجلد { $path }: { $reason }
items-wipe-failed = تعذّر الحذف النهائي { $count ->
        [one] لمسار واحد
        [two] لمسارين
        [few] لـ { $count } مسارات
        [many] لـ { $count } مسارًا
       *[other] لـ { $count } مسار
    } (القائمة أعلاه)
items-no-match = لا يوجد عنصر مطابق.
items-bad-glob = النمط { $pattern } ليس نمط glob صالحًا: { $reason }
items-renamed = غُيّر اسم { $old } إلى { $new }
items-evidence-refusal-shred = { $count ->
        [one] { $names } دليل
        [two] { $names } دليلان
       *[other] { $names } أدلة
    }: الحذف النهائي يتطلب --force (ويُدوَّن ذلك في سجل الحيازة)
items-evidence-refusal-rename = { $count ->
        [one] { $names } دليل
        [two] { $names } دليلان
       *[other] { $names } أدلة
    }: إعادة التسمية تتطلب --force (ويُدوَّن ذلك في سجل الحيازة)
items-no-tags = لا وسوم
items-tags = { $name }: { $tags }

## src/cli/run.rs

run-not-built = بُنيت نسخة clipvault هذه دون `{ $feature }` (`cargo build --features { $feature }`)
run-no-session = لم تكن هناك جلسة فتح قائمة
run-locked = تم القفل: { $count ->
        [one] انتهت جلسة فتح واحدة
        [two] انتهت جلستا فتح
        [few] انتهت { $count } جلسات فتح
        [many] انتهت { $count } جلسة فتح
       *[other] انتهت { $count } جلسة فتح
    }
run-ended-background = { $count ->
        [one] أُوقفت العملية التي كانت تصنع الصور المصغّرة في الخلفية، وكانت تحمل المفتاح
        [two] أُوقفت عمليتان كانتا تصنعان الصور المصغّرة في الخلفية، وكانتا تحملان المفتاح
        [few] أُوقفت { $count } عمليات كانت تصنع الصور المصغّرة في الخلفية، وكانت تحمل المفتاح
       *[other] أُوقفت { $count } عملية كانت تصنع الصور المصغّرة في الخلفية، وكانت تحمل المفتاح
    }
run-status-unlocked = مفتوحة: الوقت المتبقي { $minutes ->
        [one] دقيقة واحدة
        [two] دقيقتان
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    } (`clipvault lock` ينهي الجلسة)
run-status-locked = مقفلة
run-no-command = لا يوجد أمر باسم { $name }؛ `clipvault --help` يعرض الأوامر

## src/vault/bundle.rs: the evidence bundle's README.txt (keep the two command lines as they are)

bundle-readme =
    هذا المجلد حزمة أدلة أنشأها clipvault، وهو خزنة وسائط مشفّرة، من { $items ->
        [one] عنصر واحد ميّزه صاحب الخزنة كدليل.
        [two] عنصرين ميّزهما صاحب الخزنة كدليلين.
        [few] { $items } عناصر ميّزها صاحب الخزنة كأدلة.
        [many] { $items } عنصرًا ميّزها صاحب الخزنة كأدلة.
       *[other] { $items } عنصر ميّزها صاحب الخزنة كأدلة.
    }

    manifest.json      لكل عنصر: الاسم، والنوع، والحجم، وSHA-256، ووقت إضافته ووقت تمييزه، وملاحظة صاحب الخزنة
                       ومصدره، والملف الموجود فيه (media/...)؛ أو، للصور الحميمة ({ $withheld } هنا)،
                       بصماتها (hashes) فقط: الصور نفسها ليست في هذه الحزمة.
    custody-log.jsonl  كل حدث سُجّل للأدلة في الخزنة، وكل قيد مربوط بالقيد الذي قبله عن طريق
                       بصمة SHA-256 لذلك القيد ("prev")، فيظهر أي قيد حُذف أو عُدّل.
    SHA256SUMS         بصمة SHA-256 لكل ملف هنا.
    SHA256SUMS.sig     توقيع على SHA256SUMS بمفتاح الخزنة نفسها، وهذا المفتاح موجود في allowed_signers.

    للتحقق من أن شيئًا لم يتغيّر منذ إنشاء الحزمة، تُشغَّل في هذا المجلد:

        sha256sum -c SHA256SUMS
        ssh-keygen -Y verify -f allowed_signers -I { $principal } -n { $namespace } -s SHA256SUMS.sig < SHA256SUMS

    الأمر الأول يطابق كل ملف مع SHA256SUMS؛ والثاني يتحقق من أن SHA256SUMS هو نفسه الذي وقّعته
    الخزنة. يجب أن ينجح الأمران كلاهما.

## src/serve/assets: the browser gallery. { $name }, { $done }, { $total }, { $type } and
## { $error } are filled in by the page; keep them as they are.

page-title = المعرض
page-search = البحث في الأسماء
page-kind = النوع
page-kind-all = الكل
page-kind-image = صور
page-kind-video = فيديو
page-kind-audio = صوت
page-kind-other = أخرى
page-tag = الوسم
page-any-tag = أي وسم
page-add = إضافة
page-lock = قفل
page-items = العناصر
page-shred = حذف نهائي
page-close = إغلاق
page-locked = تم القفل. مُسحت المفاتيح من الذاكرة؛ يمكن إغلاق هذه الصفحة الآن.
page-list-failed = تعذّر عرض قائمة العناصر.
page-count-all = العناصر: { $total }
page-count-some = العناصر: { $done } من { $total }
page-icon-image = صورة
page-icon-video = فيديو
page-icon-audio = صوت
page-icon-other = أخرى
page-evidence = دليل
page-cannot-play = لا يستطيع هذا المتصفح عرض صورة هذا الفيديو (بسبب صيغته، مثل 3GP من هاتف قديم). يمكن تشغيله على الهاتف: clipvault view NAME.
page-evidence-note = دليل: محفوظ. لحذفه نهائيًا: clipvault shred --force.
page-cannot-show = لا يمكن عرض { $type } هنا؛ يمكن استخدام clipvault view أو export.
page-shred-question = حذف { $name } نهائيًا؟ لا يمكن التراجع عن هذا.
page-shredded = حُذف { $name } نهائيًا.
page-shred-failed = تعذّر الحذف النهائي: { $error }
page-adding = جارٍ إضافة { $done } من { $total }: { $name }
page-added = أُضيف { $done } من { $total }.

## src/cli/termux.rs

about-termux = جعل clipvault جزءًا من الهاتف (Termux): قائمة المشاركة، وزر طوارئ، واختصار للمعرض
about-termux-setup = كتابة خطّاف المشاركة (share hook)، وزر طوارئ، واختصار للمعرض لـ Termux:Widget، أو إزالتها
about-capture = التقاط صورة أو تسجيل مقطع صوتي مباشرةً إلى الخزنة، وليس إلى معرض الصور أبدًا (Termux:API)
about-backup = نسخ الخزنة احتياطيًا بـ restic: إلى مجلد، أو ذاكرة USB، أو sftp، أو S3، أو B2، أو rest-server، أو أي وجهة بعيدة (remote) في rclone
about-restore = استعادة الخزنة من نسخة احتياطية في restic، إلى ملف جديد
about-device = خزنة واحدة على عدة أجهزة: كل جهاز يكتب في ملفه الخاص، داخل مجلد تُبقيه أداة مزامنة متطابقًا على كل الأجهزة
about-device-add = بدء ملف لجهاز آخر من هذه الخزنة: العناصر نفسها وعبارات المرور نفسها، في ملف مستقل خاص به
about-merge = دمج النسخ الأخرى من هذه الخزنة فيها، عنصرًا عنصرًا: ملف جهاز آخر، أو نسخة تعارض تركتها أداة المزامنة، أو خزنة مستعادة من نسخة احتياطية
about-leftovers = البحث عن نسخ من عناصر الخزنة بقيت خارجها: في سلة محذوفات المعرض وصوره المصغّرة، وفي تطبيقات المحادثة، وفي التنزيلات
termux-not-termux = هذا ليس Termux (المتغير TERMUX_VERSION غير مضبوط): لا توجد قائمة مشاركة أو أداة (widget) للارتباط بها
termux-will-write = سيكتب clipvault termux setup:
termux-hook-share = الملف الذي يُشارَك إلى Termux يذهب إلى الخزنة (add --move: يُشفَّر، ويُفحص، وتُحذف النسخة الموجودة في ~/downloads نهائيًا)؛ والملفات الأخرى تذهب إلى خطّافك الخاص، إن كان لديك واحد
termux-hook-panic = زر طوارئ لـ Termux:Widget (على الشاشة الرئيسية، أو في قائمة زر التشغيل على Android 11+): يُتلف كل مفاتيح الخزنة دفعة واحدة، دون سؤال، ودون طرفية
termux-hook-gallery = اختصار في Termux:Widget يفتح المعرض في المتصفح (clipvault serve --open)
termux-keeps-yours = خطّاف المشاركة الخاص بك محفوظ باسم { $path }؛ الملفات التي ليست صورًا أو فيديو أو تسجيلات صوتية تذهب إليه
termux-write-question = كتابة هذه الملفات؟
termux-cannot-set-aside = تعذّر نقل خطّاف المشاركة الخاص بك جانبًا:
termux-wrote = كُتب { $path }
termux-done = تم. لوضع صورة في الخزنة، يمكن مشاركتها إلى Termux؛ ولزر الطوارئ والمعرض، يمكن إضافة أداة Termux:Widget إلى الشاشة الرئيسية. للتراجع عن كل ذلك: clipvault termux setup --remove
termux-press-enter = للإغلاق، يُرجى الضغط على Enter.{" "}
termux-cannot-remove = تعذّرت إزالة
termux-removed = أُزيل { $path }
termux-put-back = أُعيد خطّاف المشاركة الخاص بك إلى { $path }
termux-nothing-to-remove = لا شيء لإزالته: لم يُعثر على أي ملف كتبه clipvault termux setup
termux-cannot-write = تعذّرت كتابة
capture-no-tool = { $tool } غير مثبّت: يُرجى تشغيل `pkg install termux-api`، وتثبيت تطبيق Termux:API (من F-Droid)
capture-nothing = لم يكتب { $tool } شيئًا (هل سُمح لـ Termux:API باستخدام الكاميرا أو الميكروفون؟)؛ لم يُضف شيء
capture-voice-needs-seconds = لا توجد طرفية للضغط على Enter فيها، لذا يجب تحديد مدة التسجيل بـ --seconds N
capture-recording-for = جارٍ التسجيل لمدة { $seconds ->
        [one] ثانية واحدة
        [two] ثانيتين
        [few] { $seconds } ثوانٍ
        [many] { $seconds } ثانية
       *[other] { $seconds } ثانية
    }...
capture-recording-until-enter = جارٍ التسجيل... للإيقاف، يُرجى الضغط على Enter.{" "}
capture-tool-failed = فشل { $tool }: { $reason }

## src/cli/add.rs

add-stdin-needs-name = قراءة الإدخال القياسي (`-`) تتطلب --name NAME
add-cannot-add = تعذّرت إضافة
add-cannot-read-folder = تعذّرت قراءة المجلد { $path }: { $reason }
add-not-a-file = تعذّرت إضافة { $path }: ليس ملفًا عاديًا
add-name-needs-one-file = الخيار --name يُستخدم مع ملف واحد بالضبط
add-create-vault-question = لا توجد خزنة بعد. إنشاء خزنة في { $path }؟
add-no-vault-created = لم تُنشأ أي خزنة؛ لم يُضف شيء
# What stands for the name of what was read from standard input (`-`) in the other messages.
add-standard-input = الإدخال القياسي
add-progress = جارٍ الإضافة
add-skipped-summary = تُخطّي { $skipped } من أصل { $total } لأنها في الخزنة من قبل (بالاسم والمحتوى نفسيهما)؛ الخيار --allow-duplicates يحفظها مرة أخرى
add-skipped-summary-tagged = تُخطّي { $skipped } من أصل { $total } لأنها في الخزنة من قبل (بالاسم والمحتوى نفسيهما)، وأُضيفت الوسوم الجديدة إلى { $tagged } منها؛ الخيار --allow-duplicates يحفظها مرة أخرى
add-stopped-stored = توقّف: حُفظ { $name } قبل ذلك مباشرة
add-stopped-not-stored = توقّف: لم يُحفظ { $name }، ولم يُكتب منه شيء
# "added" is the word that begins each add-added line.
add-stopped-some-stored = توقّف: حُفظ { $stored } من أصل { $total } (أسطر "أُضيف" أعلاه، وما كان في الخزنة من قبل)؛ حُفظ { $name } قبل ذلك مباشرة
add-stopped-some-not-stored = توقّف: حُفظ { $stored } من أصل { $total } (أسطر "أُضيف" أعلاه، وما كان في الخزنة من قبل)؛ لم يُحفظ { $name }، ولم يُكتب منه شيء
add-no-thumbnail = ملاحظة: لا صورة مصغّرة لـ { $name }: { $why }
add-no-ffmpeg = ملاحظة: { $why } (يُرجى تثبيت ffmpeg، ثم تشغيل `clipvault thumbnails --all`)
add-no-heif = ملاحظة: { $why } (يُرجى تثبيت libheif-examples على Debian، أو libheif-progs على Termux، ثم تشغيل `clipvault thumbnails --all`)
add-is-the-vault = { $path } هو الخزنة نفسها
add-wipe-unfinished = ملاحظة: حُفظ، لكن فشلت الكتابة فوق نسخ الفهرس القديمة المستبدَلة ({ $why })؛ ستُعاد المحاولة عند الكتابة التالية
add-added = أُضيف { $name } بالمعرّف { $id } ({ $size }، { $media })
add-same-content = ملاحظة: المحتوى نفسه محفوظ أيضًا بالمعرّف { $id } ({ $name })
add-already-marking = { $path } موجود في الخزنة من قبل؛ جارٍ تمييزه كدليل
add-skipped = تُخطّي { $path }: موجود في الخزنة من قبل بالمعرّف { $id } ({ $name }، بالاسم والمحتوى نفسيهما)؛ الخيار --allow-duplicates يحفظه مرة أخرى
add-skipped-tagged = تُخطّي { $path }: موجود في الخزنة من قبل بالمعرّف { $id } ({ $name }، بالاسم والمحتوى نفسيهما)؛ أُضيفت الوسوم { $tags }؛ الخيار --allow-duplicates يحفظه مرة أخرى
add-marked-evidence = مُيّز { $id } كدليل (كُتب قيد في سجل الحيازة)
add-stdin-no-original = الإدخال القياسي ليس له ملف أصلي لإزالته
add-symlink-kept = حُفظ { $path }، لكنه رابط رمزي: الملف الأصلي، { $target }، تُرك في مكانه (يمكن حذفه نهائيًا بـ `clipvault wipe` إن كان هذا هو المقصود)
add-symlink-kept-unknown = حُفظ { $path }، لكنه رابط رمزي: الملف الأصلي، أي الهدف الذي يشير إليه، تُرك في مكانه (يمكن حذفه نهائيًا بـ `clipvault wipe` إن كان هذا هو المقصود)
add-reads-back-wrong = النسخة المحفوظة من { $path } لا تُقرأ بشكل صحيح؛ أُبقي الملف الأصلي
add-cannot-reread = حُفظ بأمان، لكن أُبقي الملف الأصلي: تعذّرت إعادة قراءة
add-changed-meanwhile = تغيّر { $path } أثناء إضافته؛ أُبقي الملف الأصلي
add-cannot-wipe = حُفظ بأمان، لكن تعذّر الحذف النهائي للملف الأصلي
wipe-wiped = حُذف نهائيًا: { $path }
wipe-removed-link = أُزيل الرابط { $path } (لم يُمَسّ الملف الذي يشير إليه)
wipe-other-links = أُزيل { $path }، لكن تنبيه: لم تتم الكتابة فوق محتواه، إذ لا تزال روابط صلبة (hard links) أخرى عددها { $links } تشير إليه
import-prompt-age-passphrase = عبارة مرور age:{" "}
import-needs-identity = الاستيراد (import) يحتاج إلى --age-identity FILE أو --age-passphrase
import-cannot-read-identity = تعذّرت قراءة ملف الهوية
import-no-identity = لا يحتوي { $path } على هوية age صالحة للاستخدام: { $reason }
import-cannot-import = تعذّر استيراد
import-progress = جارٍ الاستيراد
import-failed = تعذّر استيراد { $path }: { $reason }
import-costly-kdf = تعذّر استيراد { $path }: عبارة مروره تحتاج إلى معامل عمل scrypt قدره { $factor } ({ $mib } MiB)، وهذا أكثر مما يسمح به هذا الجهاز دون سؤال ({ $allowed })؛ إذا كان الملف موثوقًا، فيمكن إضافة --allow-costly-kdf
import-skipped = تُخطّي { $path }: موجود في الخزنة من قبل بالمعرّف { $id } (بالاسم والمحتوى نفسيهما)
import-imported = استُورد { $name } بالمعرّف { $id }
add-tag-not-evidence = ملاحظة: الوسم لا يجعل { $names } دليلًا (لا قيد في سجل الحيازة، ويُحذف نهائيًا دون --force)؛ للاحتفاظ به كدليل يُرجى تشغيل: clipvault evidence mark { $first } --note '...' --source '...'

## src/cli/viewing.rs

cat-refuses-terminal = لن يُكتب عنصر إلى الطرفية؛ يمكن توجيهه إلى ملف (`clipvault cat ITEM > file`) أو استخدام `clipvault view`
thumb-refuses-terminal = لن تُكتب صورة JPEG إلى الطرفية؛ يمكن توجيهها إلى ملف (`> thumb.jpg`)
thumb-none = لا صورة مصغّرة لـ { $name }: { $why }
thumbnails-none-needed = كل صورة وفيديو مطلوب لديه صورة مصغّرة من قبل
thumbnails-progress = الصور المصغّرة
thumbnails-stored = { $stored ->
        [zero] لم تُحفظ أي صورة مصغّرة
        [one] حُفظت صورة مصغّرة واحدة
        [two] حُفظت صورتان مصغّرتان
        [few] حُفظت { $stored } صور مصغّرة
        [many] حُفظت { $stored } صورة مصغّرة
       *[other] حُفظت { $stored } صورة مصغّرة
    }؛ { $failed ->
        [zero] ولم يبقَ أي عنصر دون صورة مصغّرة
        [one] وبقي عنصر واحد دون صورة مصغّرة
        [two] وبقي عنصران دون صورة مصغّرة
        [few] وبقيت { $failed } عناصر دون صورة مصغّرة
        [many] وبقي { $failed } عنصرًا دون صورة مصغّرة
       *[other] وبقي { $failed } عنصر دون صورة مصغّرة
    }
export-cannot-create-folder = تعذّر إنشاء المجلد
export-not-a-folder = { $path } ليس مجلدًا
export-skipped-exists = تُخطّي { $name } ({ $path } موجود)
export-exported = صُدّر { $name } إلى { $path }
export-not-exported = لم يُصدَّر { $count ->
        [one] عنصر واحد
        [two] عنصران
        [few] { $count } عناصر
        [many] { $count } عنصرًا
       *[other] { $count } عنصر
    } (التفاصيل أعلاه)
export-not-a-folder-inside = { $path } ليس مجلدًا؛ لم يُكتب فيه شيء
export-exists = { $path } موجود بالفعل (--force يستبدله، و--skip-existing يتركه)
export-cannot-write-into = تعذّرت الكتابة في
export-progress = جارٍ التصدير
export-cannot-write = تعذّرت كتابة
export-prompt-age-passphrase = عبارة مرور جديدة لملفات .age المصدَّرة (يحتاجها كل من يفتحها؛ وهي ليست عبارة مرور الخزنة):{" "}
export-prompt-repeat-age-passphrase = عبارة مرور ملفات .age مرة أخرى:{" "}
export-cannot-read-recipients = تعذّرت قراءة ملف المستلمين (recipients)
export-not-a-recipient = { $line } ليس مستلِم age (age1...)

## src/cli/view.rs

# { $media } is a media type, such as video/mp4.
view-no-viewer-video = لم يُعثر على برنامج عرض لـ { $media }: يمكن تثبيت mpv (Debian: `apt install mpv`؛ Termux: `pkg install mpv`)، أو اختيار برنامج بـ --with CMD
view-no-viewer-image = لم يُعثر على برنامج عرض لـ { $media }: يمكن تثبيت feh (Debian: `apt install feh`)، أو عرضه في طرفية أو في معرض المتصفح (`clipvault serve`)، أو اختيار برنامج بـ --with CMD
view-no-viewer-text = لم يُعثر على برنامج عرض لـ { $media }: يمكن تثبيت less، أو اختيار برنامج بـ --with CMD
view-no-viewer-other = لم يُعثر على برنامج عرض لـ { $media }: لا يوجد برنامج عرض افتراضي لهذا النوع؛ يمكن اختيار برنامج بـ --with CMD
view-play-no-viewer-video = لم يُعثر على برنامج عرض لـ { $media }: يمكن تثبيت mpv (Debian: `apt install mpv`؛ Termux: `pkg install mpv`)، أو تجربة `clipvault view --with CMD`
view-play-no-viewer-image = لم يُعثر على برنامج عرض لـ { $media }: يمكن تثبيت feh (Debian: `apt install feh`)، أو عرضه في طرفية أو في معرض المتصفح (`clipvault serve`)، أو تجربة `clipvault view --with CMD`
view-play-no-viewer-text = لم يُعثر على برنامج عرض لـ { $media }: يمكن تثبيت less، أو تجربة `clipvault view --with CMD`
view-play-no-viewer-other = لم يُعثر على برنامج عرض لـ { $media }: لا يوجد برنامج عرض افتراضي لهذا النوع؛ يمكن تجربة `clipvault view --with CMD`
view-once-confirm = حذف { $name } نهائيًا الآن؟
view-kept = أُبقي { $name }
view-once-shredded = عُرض مرة واحدة: حُذف { $name } نهائيًا
view-image-signal = أُغلق العرض بسبب إشارة (signal)؛ مُسحت الشاشة وسجل التمرير
view-image-idle = أُغلق العرض بعد فترة دون الضغط على أي زر؛ مُسحت الشاشة وسجل التمرير
view-image-closed = أُغلق العرض؛ مُسحت الشاشة وسجل التمرير
view-not-installed = { $program } غير مثبّت (Debian: `apt install { $program }`؛ Termux: `pkg install { $program }`)
# { $status } is how the viewer ended, as the system says it (exit status: 1).
view-viewer-failed = توقّف برنامج العرض: { $status }
view-viewer-failed-kept = توقّف برنامج العرض: { $status }؛ أُبقي العنصر
view-cannot-start = تعذّر تشغيل برنامج العرض: { $reason }
view-no-memory-file = تعذّر إنشاء ملف في الذاكرة: { $reason }
view-memory-file-unsupported = الملفات في الذاكرة تحتاج إلى Linux أو Android؛ يمكن استخدام --with CMD دون {"{"}{"}"}

## src/cli/terminal/screen.rs

gallery-cannot-show = لا يمكن عرض هذه الصورة هنا؛ يمكن تجربة `clipvault view --with CMD`
gallery-too-large = هذه الصورة أكبر من أن تُعرض هنا؛ يمكن تجربة `clipvault view --with CMD`
gallery-needs-terminal = المعرض يحتاج إلى طرفية؛ `clipvault list` مخصّص للسكربتات
gallery-terminal-error = تعذّر استخدام الطرفية: { $reason }
# The status line under an image that `clipvault view` shows in the terminal.
view-image-status = { $name } · أي زر: رجوع (تُمسح الشاشة وسجل التمرير)

## src/cli/terminal/gallery.rs

# What the key ? shows, one key a line: the keys stay as they are, only what they do is
# translated (the spaces line the descriptions up). The empty line is kept.
gallery-keys =
    الأسهم، h j k l   التنقّل
    Enter             فتح (الصورة هنا؛ الفيديو والصوت في مشغّل)
    /                 البحث في الأسماء (Enter للتطبيق، Esc للإلغاء)
    t                 التصفية التالية: الكل، الصور، الفيديو، الصوت، كل وسم
    Esc               مسح البحث والتصفية
    r                 إعادة التسمية (Ctrl-U يمسح، Ctrl-W يحذف كلمة)
    d                 حذف نهائي (يسأل أولًا؛ لا يشمل الأدلة)
    ?                 هذه الأزرار
    q, Ctrl-C         خروج (تُمسح الشاشة وسجل التمرير)

    يُقفل المعرض نفسه بعد فترة دون الضغط على أي زر.
    أي زر: رجوع.
# The filters that t cycles through, as the status line names them (tags are shown as #tag).
gallery-filter-all = الكل
gallery-filter-photos = الصور
gallery-filter-videos = الفيديو
gallery-filter-audio = الصوت
# What a grid cell says when it has no picture to show.
gallery-kind-image = صورة
gallery-kind-video = فيديو
gallery-kind-audio = صوت
gallery-kind-text = نص
# The status line at the bottom: { $text } is what is being typed, followed by a cursor (_).
gallery-search = بحث: { $text }_  (Enter للتطبيق، Esc للإلغاء)
gallery-rename = الاسم الجديد: { $text }_  (Enter لإعادة التسمية، Esc للإلغاء)
gallery-confirm-shred = حذف نهائي؟ لا يمكن التراجع عن هذا (y / n)
gallery-any-key = أي زر: رجوع
# The status line while browsing; the -short ones are for narrow screens (a phone's 45 columns).
gallery-status = المعروض: { $shown } · { $filter } · الأسهم للتنقّل · / بحث · t تصفية · Enter فتح · d حذف نهائي · r إعادة تسمية · ? الأزرار · q خروج
gallery-status-search = المعروض: { $shown } · { $filter } · «{ $query }» · الأسهم للتنقّل · / بحث · t تصفية · Enter فتح · d حذف نهائي · r إعادة تسمية · ? الأزرار · q خروج
gallery-status-short = المعروض: { $shown } · { $filter } · ? الأزرار · q خروج
gallery-status-search-short = المعروض: { $shown } · { $filter } · «{ $query }» · ? الأزرار · q خروج
gallery-empty = لا شيء للعرض: الخزنة فارغة، أو لا شيء يطابق.
gallery-renamed = غُيّر الاسم
gallery-not-renamed = لم يُغيَّر الاسم: { $reason }
gallery-shredded = حُذف نهائيًا
gallery-is-evidence = هذا العنصر دليل: لحذفه نهائيًا يُستخدم `clipvault shred --force`
gallery-not-shredded = لم يُحذف: { $reason }
gallery-nothing-shredded = لم يُحذف شيء
gallery-how-to-leave = q للخروج من المعرض؛ ? لعرض الأزرار
gallery-no-display = لا توجد شاشة لعرض الفيديو هنا: يمكن مشاهدته في معرض المتصفح (`clipvault serve`)
gallery-ended-signal = أُغلق المعرض بسبب إشارة (signal)؛ مُسحت الشاشة وسجل التمرير
gallery-ended-idle = أُقفل المعرض بعد فترة دون الضغط على أي زر؛ مُسحت الشاشة وسجل التمرير
gallery-ended-closed = أُغلق المعرض؛ مُسحت الشاشة وسجل التمرير

## src/cli/maintenance.rs

salvage-needs-passphrase = الإنقاذ (salvage) يحتاج إلى عبارة المرور (الخزنة الجديدة تأخذ العبارة نفسها)
salvage-exists = { $path } موجود بالفعل؛ يُرجى اختيار مسار جديد
salvage-cannot-create = تعذّر إنشاء الخزنة
salvage-progress = جارٍ الإنقاذ
# One line for each item that could not be salvaged: its id and name.
salvage-lost = مفقود: { $id } { $name }
salvage-done-headers-only = أُنقذ { $saved } من أصل { $items } من العناصر التي عُثر عليها من ترويسات العناصر وحدها (تعذّرت قراءة نسختَي بيان الفهرس (manifest) كلتيهما؛ والعناصر التي تلفت ترويستها أيضًا مفقودة، وعددها غير معروف)؛ نُسخ ما أُنقذ إلى { $to }؛ ولم يتغيّر { $vault }
salvage-done-index-lost = أُنقذ { $saved } من أصل { $items } من العناصر التي عُثر عليها ({ $recovered } منها من ترويسات العناصر وحدها)؛ تعذّرت قراءة { $lost } من أصل { $segments } من أجزاء الفهرس، والعناصر المذكورة فيها التي تلفت ترويستها أيضًا (عددها غير معروف) مفقودة؛ نُسخ ما أُنقذ إلى { $to }؛ ولم يتغيّر { $vault }
salvage-done = أُنقذ { $saved } من أصل { $items } من العناصر إلى { $to }؛ ولم يتغيّر { $vault }
salvage-index-unreadable = تعذّرت قراءة أجزاء من الفهرس: العناصر المذكورة هناك فقط، إن وُجدت، مفقودة
salvage-items-lost = تعذّر إنقاذ { $count ->
        [one] عنصر واحد
        [two] عنصرين
        [few] { $count } عناصر
        [many] { $count } عنصرًا
       *[other] { $count } عنصر
    }
salvage-items-and-index-lost = تعذّر إنقاذ { $count ->
        [one] عنصر واحد
        [two] عنصرين
        [few] { $count } عناصر
        [many] { $count } عنصرًا
       *[other] { $count } عنصر
    }، وتعذّرت قراءة أجزاء من الفهرس
verify-progress = جارٍ الفحص
# One line for each damaged item (its id, name, and what is wrong), or damage elsewhere.
verify-damaged-item = تالف: { $id } { $name }: { $what }
verify-warning = تحذير: { $what }
verify-damaged = العناصر التالفة: { $damaged } من أصل { $items }
verify-damaged-and-index = العناصر التالفة: { $damaged } من أصل { $items }، وأجزاء من الفهرس لا يمكن قراءتها
verify-file-damaged = { $items ->
        [one] قُرئ العنصر الوحيد سليمًا
        [two] قُرئ العنصران كلاهما سليمين
       *[other] قُرئت العناصر كلها ({ $items }) سليمة
    }، لكن ملف الخزنة تالف (التفاصيل أعلاه)؛ يُرجى تشغيل `clipvault salvage --to NEW`
verify-intact = { $items ->
        [one] فُحص عنصر واحد ({ $size }): سليم
        [two] فُحص عنصران ({ $size }): كلاهما سليم
        [few] فُحصت { $items } عناصر ({ $size }): كلها سليمة
        [many] فُحص { $items } عنصرًا ({ $size }): كلها سليمة
       *[other] فُحص { $items } عنصر ({ $size }): كلها سليمة
    }
# { $memory } is a size with its unit (64 MiB).
info-unlock-cost = كلفة الفتح: Argon2id، الذاكرة { $memory }، الدورات { $passes }، المسارات { $lanes }
info-unlock-cost-too-high = كلفة الفتح: Argon2id، الذاكرة { $memory }، الدورات { $passes }، المسارات { $lanes }؛ وهذا أكثر مما يسمح به هذا الجهاز دون --allow-costly-kdf
upgrade-nothing-to-do = { $path } بصيغة الإصدار { $version } بالفعل؛ لا شيء للقيام به
# Asked before compact and key rotate.
compact-keeps-one-compartment = هذا يعيد كتابة الخزنة بما تفتحه عبارة المرور هذه فقط: أي جزء مخفي تفتحه عبارة مرور أخرى، إن كان في الخزنة جزء كهذا، سيُتلف.
# { $warning } is compact-keeps-one-compartment.
compact-confirm = { $warning } ضغط الخزنة (compact)؟
compact-nothing-changed = لم يتغيّر شيء
compact-done = ضُغطت { $path }: تحرّرت مساحة { $size }

## src/cli/evidence.rs

evidence-marked = { $count ->
        [one] مُيّز عنصر واحد كدليل
        [two] مُيّز عنصران كدليلين
        [few] مُيّزت { $count } عناصر كأدلة
        [many] مُيّز { $count } عنصرًا كأدلة
       *[other] مُيّز { $count } عنصر كأدلة
    }؛ ودُوِّن ذلك في سجل الحيازة
evidence-log-empty = سجل الحيازة فارغ: لم يُميَّز أي عنصر كدليل.
evidence-key-advice = في الأعلى: بصمة المفتاح الذي توقّع به هذه الخزنة حزم الأدلة، والمفتاح نفسه. يُرجى إرسالهما الآن إلى شخص موثوق (محامٍ، خط مساعدة، رسالة بريد إلكتروني إلى نفسك). لاحقًا، يُظهر الأمر `clipvault evidence check BUNDLE --key FINGERPRINT`، أو `ssh-keygen -l -f` على مفتاح الحزمة، أن الحزمة وُقّعت بهذا المفتاح، وليس بمفتاح آخر وُضع مكانه.
# { $signer } is a key's fingerprint (SHA256:...).
evidence-check-key-given = { $bundle }: { $files ->
        [one] ملف واحد يطابق
        [two] ملفان يطابقان
        [few] { $files } ملفات تطابق
        [many] { $files } ملفًا تطابق
       *[other] { $files } ملف تطابق
    } SHA256SUMS، والتوقيع بالمفتاح { $signer }، وهو المفتاح المُعطى: الحزمة كما وقّعها ذلك المفتاح تمامًا
evidence-check-own-key = { $bundle }: { $files ->
        [one] ملف واحد يطابق
        [two] ملفان يطابقان
        [few] { $files } ملفات تطابق
        [many] { $files } ملفًا تطابق
       *[other] { $files } ملف تطابق
    } SHA256SUMS، والتوقيع بالمفتاح { $signer } (مفتاح الحزمة نفسها: دون --key لا يُثبت هذا إلا أن الملفات تطابقه؛ ولإثبات أنه مفتاح الخزنة، يُرجى إعطاء البصمة التي أُرسلت سابقًا)
# A line of `clipvault fingerprint`: "pdq" is the hash's name; the spaces line the hashes up.
fingerprint-pdq = pdq     { $hash } (الجودة { $quality })
fingerprint-advice = لمنع انتشار صورة حميمة: يمكن إرسال بصمة PDQ الخاصة بها (للصور) أو MD5 (للفيديو) إلى StopNCII.org (للبالغين) أو takeitdown.ncmec.org (للصور الملتقطة قبل سن 18). بعدها تحجب المنصات النسخ المطابقة دون أن يرى أحد الصورة. لا يرفع clipvault أي شيء؛ والخطوات كاملة في docs/EVIDENCE.md.
evidence-not-marked = { $name } غير مميَّز كدليل؛ يُرجى تمييزه أولًا بالأمر `clipvault evidence mark`
evidence-export-which = يُرجى تحديد الأدلة المراد تصديرها: ITEM... أو --all أو --tag TAG
evidence-export-none = لا يوجد عنصر مميَّز كدليل يطابق
evidence-export-exists = { $path } موجود وليس فارغًا؛ يُرجى اختيار مجلد جديد
evidence-cannot-write-bundle = تعذّرت كتابة الحزمة في
# { $tag } is the tag's name, intimate, which is not translated.
evidence-exported = كُتبت حزمة أدلة من { $items ->
        [one] عنصر واحد
        [two] عنصرين
        [few] { $items } عناصر
        [many] { $items } عنصرًا
       *[other] { $items } عنصر
    } في { $path }؛ يمكن التحقق منها بالأمر `sha256sum -c SHA256SUMS` وبسطر ssh-keygen الموجود في README.txt
evidence-exported-withheld = كُتبت حزمة أدلة من { $items ->
        [one] عنصر واحد
        [two] عنصرين
        [few] { $items } عناصر
        [many] { $items } عنصرًا
       *[other] { $items } عنصر
    } في { $path } ({ $withheld } منها موسومة بـ `{ $tag }` وُضعت كبصمات فقط: الخيار --include-media يضع الملفات نفسها)؛ يمكن التحقق منها بالأمر `sha256sum -c SHA256SUMS` وبسطر ssh-keygen الموجود في README.txt

## src/cli/output.rs

output-empty-vault = الخزنة فارغة. يمكن إضافة ملفات بالأمر `clipvault add PATH`.
# The headings of the columns of `clipvault list`.
output-column-id = المعرّف
output-column-name = الاسم
output-column-type = النوع
output-column-size = الحجم
output-column-added = أُضيف
output-column-tags = الوسوم
# What `clipvault info` prints: the labels are translated, the spaces after them line the
# values up. { $created } is a date and time (2026-12-01T14:05:00Z); the sizes have their unit.
output-info =
    الخزنة:         { $path }
    الصيغة:         الإصدار { $version }
    kdf:            Argon2id، { $mib } MiB، الدورات { $passes }، المسارات { $lanes }
    تاريخ الإنشاء:  { $created }
    المفاتيح:       { $keys }
    العناصر:        { $items }
    المحتوى:        { $content }
    حجم الملف:      { $file }
    مساحة أخرى:     { $other } (محرّرة، حشو، احتياطي عشوائي: ليست لهذه العناصر)
# After `clipvault key add --recovery > FILE`: the key is in that file.
output-recovery-key-file = مفتاح الاسترداد موجود في { $path }. يُرجى طباعته أو نسخه إلى خارج الهاتف، ثم إزالته: `clipvault wipe { $path }`.
output-recovery-key-file-private = مفتاح الاسترداد موجود في { $path } (لا يستطيع أحد غيرك قراءته). يُرجى طباعته أو نسخه إلى خارج الهاتف، ثم إزالته: `clipvault wipe { $path }`.
output-recovery-key-press-enter = بعد كتابته، يُرجى الضغط على Enter؛ وعندها تُمسح الشاشة وسجل التمرير.{" "}

## src/cli/resolve.rs

# { $typed } is what was typed, in quotes; { $first }, { $second } and { $third } are stored
# names that look like it, in quotes, most alike first.
resolve-no-match = لا يوجد عنصر يطابق { $typed } (`clipvault list` يعرض كل العناصر)
resolve-no-match-one = لا يوجد عنصر يطابق { $typed }؛ هل المقصود { $first }؟ (`clipvault list` يعرض كل العناصر)
resolve-no-match-two = لا يوجد عنصر يطابق { $typed }؛ هل المقصود { $first } أو { $second }؟ (`clipvault list` يعرض كل العناصر)
resolve-no-match-three = لا يوجد عنصر يطابق { $typed }؛ هل المقصود { $first } أو { $second } أو { $third }؟ (`clipvault list` يعرض كل العناصر)
# A name that several items share, with the id of the one meant.
resolve-name-with-id = { $name } (المعرّف { $id })
# { $candidates } are the items that match, each as its id and name.
resolve-ambiguous = { $typed } يطابق عدة عناصر: { $candidates }؛ يُرجى استخدام المعرّف

## src/cli/interrupt.rs

# Why reading stopped (Ctrl-C, SIGTERM or SIGHUP came).
interrupt-stopped = توقّف بسبب إشارة (signal)
interrupt-registry-poisoned = سجل معالجات الإشارات تالف (poisoned)

## src/cli/serve.rs

# { $idle } is a duration (5m, 1h 30m). "Lock" is the label of the gallery page's button.
serve-serving = يعمل الآن معرض خاص على 127.0.0.1 فقط: يُرجى فتح الرابط أعلاه في متصفح هذا الجهاز (يعمل مرة واحدة). يُقفل المعرض بزر «قفل» فيه، أو بعد { $idle } دون أي طلب، أو بـ Ctrl-C.
serve-locked-idle = تم القفل: لم يصل أي طلب خلال { $idle }؛ مُسحت المفاتيح من الذاكرة
serve-locked-button = تم القفل: ضُغط زر «قفل»؛ مُسحت المفاتيح من الذاكرة
# { $signal } is the signal's name (SIGINT, SIGTERM, SIGHUP).
serve-locked-signal = تم القفل: وصلت الإشارة { $signal }؛ مُسحت المفاتيح من الذاكرة
serve-locked-link-reused = تم القفل: استُخدم الرابط الصالح لمرة واحدة مرة ثانية، لذا قد يكون بحوزة شخص آخر؛ يُرجى تشغيل clipvault serve من جديد؛ مُسحت المفاتيح من الذاكرة
serve-cannot-listen = تعذّر الاستماع على 127.0.0.1:{ $port }: { $reason }
serve-cannot-start = تعذّر تشغيل الخادم: { $reason }
serve-cannot-hand-link = تعذّر تمرير الرابط إلى المتصفح: يُرجى فتح الرابط أعلاه يدويًا
# { $opener } is the program that was asked to open the browser (xdg-open, termux-open-url).
serve-opener-failed = لم يستطع { $opener } فتح متصفح: يُرجى فتح الرابط أعلاه يدويًا
serve-no-opener = لا termux-open-url ولا xdg-open مثبّت: يُرجى فتح الرابط أعلاه يدويًا

## src/cli/agent/mod.rs

session-cannot-create = تعذّر إنشاء
session-cannot-use = تعذّر استخدام
session-folder-not-private = يجب أن يكون { $path } مجلدًا خاصًا بك لا يستطيع أحد غيرك دخوله (mode 0700)؛ جلسات الفتح معطّلة
session-cannot-open-vault = تعذّر فتح الخزنة
session-already-unlocked = مفتوحة بالفعل: الوقت المتبقي { $minutes ->
        [one] دقيقة واحدة
        [two] دقيقتان
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    } (`clipvault lock` ينهي الجلسة)
session-cannot-find-self = تعذّر العثور على clipvault نفسه: { $reason }
session-cannot-start-agent = تعذّر تشغيل الوكيل (agent): { $reason }
session-agent-did-not-start = لم يبدأ وكيل الفتح
session-unlocked = فُتحت الخزنة لمدة { $minutes ->
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    } (وأطول ما دام الاستخدام مستمرًا): لن تسأل الأوامر على { $path } عن شيء حتى ذلك الحين؛ `clipvault lock` ينهي الجلسة الآن
# { $asked } is the duration asked for (1day 6h); { $longest } is in hours.
session-unlocked-capped = فُتحت الخزنة لمدة { $minutes ->
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    } (طُلب { $asked }؛ وأطول مدة ممكنة للجلسة { $longest ->
        [one] ساعة واحدة
        [two] ساعتان
        [few] { $longest } ساعات
        [many] { $longest } ساعة
       *[other] { $longest } ساعة
    }) (وأطول ما دام الاستخدام مستمرًا): لن تسأل الأوامر على { $path } عن شيء حتى ذلك الحين؛ `clipvault lock` ينهي الجلسة الآن

## src/cli/agent/daemon.rs

session-bad-key = مفتاح الجلسة غير صالح
session-cannot-listen = تعذّر الاستماع على
session-cannot-secure = تعذّر تأمين
page-error-locked = الخزنة مقفلة
page-error-evidence = هذا العنصر دليل: المعرض لا يحذفه نهائيًا؛ يمكن استخدام clipvault shred --force
page-error-duplicate = موجود بالفعل في الخزنة
page-error-full = مساحة تخزين الهاتف ممتلئة

## src/cli/inspect.rs

about-inspect = عرض ما تكشفه صورة أو فيديو عن مكان التقاطه وزمانه والجهاز الذي صُنع به (الموقع، الكاميرا، الأرقام التسلسلية، الوقت)
inspect-nothing = لا تحمل البيانات الوصفية لـ { $name } أي موقع أو كاميرا أو رقم تسلسلي أو وقت أو برنامج (لكن الصورة نفسها قد تُظهر وجوهًا وأماكن وأشياء)
inspect-reveals = يكشف { $name }:
inspect-location = مكان الالتقاط: { $position } (خط العرض، خط الطول: الخريطة تُظهر المكان)
inspect-camera = الكاميرا أو الهاتف: { $camera }
inspect-serial = رقم تسلسلي ({ $kind }): { $serial }
inspect-taken = وقت الالتقاط: { $time }
inspect-software = البرنامج الذي صنعه أو عدّله: { $software }
inspect-owner = اسم مالك: { $owner }
inspect-preview = صورة معاينة مضمّنة ({ $size }): قد تُظهر ما قُصّ من الصورة عند تعديلها
inspect-xmp = بيانات XMP الوصفية (سجل التعديلات، وغالبًا المزيد مما سبق)
inspect-kept = العنصر في الخزنة يبقى كما هو تمامًا: الدليل يحتاج إلى بياناته الأصلية كما هي. وأي شخص يُرسَل إليه الملف يستطيع قراءة كل هذا.

## export --strip-metadata

export-strip-and-age = الخيار --strip-metadata يكتب ملفات عادية: أما ملف age فيحمل المحتوى المحفوظ كما هو
export-cannot-strip-type = لم يُصدَّر { $name }: لا يستطيع clipvault إزالة البيانات الوصفية من { $media } (فهو يزيلها من JPEG وPNG وWebP وHEIC وAVIF وMP4 وMOV)؛ يمكن تصديره دون --strip-metadata إن كان لا مانع من إرساله كما هو
export-too-large-to-strip = لم يُصدَّر { $name }: الصورة أكبر من أن تُزال بياناتها الوصفية في الذاكرة
add-carries-location = ملاحظة: يحمل { $name } المكان الذي التُقط فيه (GPS)؛ والخزنة تحفظ الملف كما هو تمامًا. قبل إرسال نسخة منه إلى أي شخص: clipvault export --strip-metadata
add-thumbnails-later = تُصنع الصور المصغّرة الآن في الخلفية؛ وإلى أن تُحفظ صورة أحد العناصر، يصنعها المعرض بنفسه حين يعرضه
add-thumbnails-later-failed = تعذّر بدء صنع الصور المصغّرة في الخلفية ({ $reason })؛ لصنعها الآن شغّل: clipvault thumbnails --all

## evidence checkpoint

about-evidence-checkpoint = كتابة نقطة تثبيت: إفادة موقّعة بسجل الحيازة كما هو الآن، لإرسالها إلى شخص موثوق
evidence-checkpoint-written = كُتب { $file } و{ $sig }: يُرجى إرسال الملفين الآن إلى شخص موثوق (بالبريد الإلكتروني إلى محامٍ أو خط مساعدة أو إلى نفسك). أي حزمة تُصدَّر لاحقًا يُتحقق منها مقابلهما بالأمر: clipvault evidence check BUNDLE --checkpoint FILE؛ وأي تغيير في السجل السابق لهذا اليوم لن يجتاز الفحص
evidence-cannot-read = تعذّرت قراءة
evidence-checkpoint-failed = الحزمة لا تتفق مع نقطة التثبيت { $file }: { $reason }
evidence-checkpoint-holds = وتتفق الحزمة مع نقطة التثبيت { $file }: سجل الحيازة فيها يبدأ بالقيود التي كانت فيه في { $made } (وعددها { $entries })، دون أي تغيير
bundle-readme-checkpoint =
    إذا كنت قد تلقيت نقطة تثبيت لسجل الحيازة (clipvault-checkpoint-DATE.txt وملف .sig الخاص بها) قبل إنشاء
    هذه الحزمة، فيُرجى التحقق منها أيضًا، بملف allowed_signers نفسه:

        ssh-keygen -Y verify -f allowed_signers -I { $principal } -n { $namespace } -s CHECKPOINT.txt.sig < CHECKPOINT.txt
        grep HEAD custody-log.jsonl

    حيث HEAD هو قيمة السطر "head:" في نقطة التثبيت: القيد الذي تقل قيمة "seq" فيه بواحد عن قيمة "entries:"
    في نقطة التثبيت يجب أن تكون قيمة "hash" فيه هي HEAD. أما السجل الذي تغيّر بعد إرسال نقطة التثبيت فلا
    يجتاز ذلك. والأمر `clipvault evidence check . --checkpoint CHECKPOINT.txt` يعيد أيضًا حساب كل بصمة.

## src/main.rs: usage errors clap finds (said in English by clap itself when English is chosen)

clap-unknown-command = لا يوجد أمر باسم '{ $name }'
clap-unknown-argument = الخيار '{ $argument }' غير مقبول هنا
clap-missing = لم تُقدَّم الخيارات المطلوبة التالية: { $arguments }
clap-invalid-value = القيمة '{ $value }' غير صالحة للخيار '{ $argument }'
clap-conflict = لا يمكن استخدام الخيار '{ $argument }' مع '{ $other }'
clap-did-you-mean = { $error }؛ اقتراح: هل المقصود '{ $suggestion }'؟

## leftovers
leftovers-no-places = لا يوجد على هذا الجهاز مكان معتاد للبحث فيه؛ يُرجى تحديد مجلد: clipvault leftovers FOLDER
leftovers-searching = جارٍ البحث في { $places ->
        [one] مكان واحد
        [two] مكانين
        [few] { $places } أماكن
        [many] { $places } مكانًا
       *[other] { $places } مكان
    } عن نسخ من { $items ->
        [one] العنصر الوحيد في الخزنة
        [two] عنصرَي الخزنة
       *[other] عناصر الخزنة ({ $items })
    }…
leftovers-progress = الملفات المفحوصة
leftovers-exact = نسخة مطابقة تمامًا
leftovers-near = صورة مشابهة (بفارق { $bits } بت)
leftovers-copy-of = { $how } لـ { $name }
leftovers-unreadable = تعذّرت قراءة { $count ->
        [one] ملف أو مجلد واحد
        [two] ملفين أو مجلدين
        [few] { $count } ملفات أو مجلدات
        [many] { $count } ملفًا أو مجلدًا
       *[other] { $count } ملف أو مجلد
    } (أولها: { $path }: { $reason })
leftovers-none = { $files ->
        [zero] لم يُفحص أي ملف
        [one] فُحص ملف واحد
        [two] فُحص ملفان
        [few] فُحصت { $files } ملفات
        [many] فُحص { $files } ملفًا
       *[other] فُحص { $files } ملف
    }، ولم يُعثر على أي نسخة.
leftovers-found = عُثر على { $count ->
        [one] نسخة واحدة
        [two] نسختين
        [few] { $count } نُسخ
        [many] { $count } نسخة
       *[other] { $count } نسخة
    } بين الملفات المفحوصة (وعددها { $files })؛ لم يتغيّر شيء. الأمر `clipvault leftovers --remove` { $count ->
        [two] يحذفهما
       *[other] يحذفها
    } نهائيًا (وتحتفظ الخزنة بنسختها). أما النسخ الاحتياطية في السحابة، وهواتف الآخرين، وقاعدة بيانات تطبيق المعرض نفسه، فهي خارج متناول clipvault: يُرجى التحقق منها بنفسك.
leftovers-remove-question = حذف { $count ->
        [one] هذه النسخة
        [two] هاتين النسختين
       *[other] هذه النسخ ({ $count })
    } نهائيًا؟ تحتفظ الخزنة بنسختها.
leftovers-not-removed = تعذّر الحذف النهائي لـ { $path }: { $reason }
leftovers-removed = { $count ->
        [zero] لم تُحذف أي نسخة.
        [one] حُذفت نسخة واحدة نهائيًا.
        [two] حُذفت نسختان نهائيًا.
        [few] حُذفت { $count } نُسخ نهائيًا.
        [many] حُذفت { $count } نسخة نهائيًا.
       *[other] حُذفت { $count } نسخة نهائيًا.
    }
leftovers-some-remain = تعذّر الحذف النهائي { $count ->
        [one] لنسخة واحدة
        [two] لنسختين
        [few] لـ { $count } نُسخ
        [many] لـ { $count } نسخة
       *[other] لـ { $count } نسخة
    } (التفاصيل أعلاه)
leftovers-nothing-wiped = لم يُحذف شيء

## src/vault/bundle.rs: threats.txt, and README.txt's paragraphs on threats and hashes.csv

bundle-threat-heading = التهديد رقم { $number }
bundle-threat-received = وقت الاستلام
bundle-threat-platform = المنصة
bundle-threat-from = المرسل
bundle-threat-said = ما قيل فيه
bundle-threat-demand = ما طُلب
bundle-threat-posted-at = نُشر في
bundle-threat-note = ملاحظة
bundle-threat-kept = محفوظ معه
bundle-actions-heading = الإجراءات المتّخذة
bundle-readme-threats =
    threats.txt        كل تهديد كما وصل (الوقت كما رآه صاحب الخزنة وبتوقيت UTC، والمنصة، والمرسل، وما قيل
                       وما طُلب، وأين نُشر المحتوى)، وكل إجراء اتُّخذ (البلاغات، وأرقام القضايا والتذاكر)،
                       وكلها من سجل الحيازة.
    threats.json       المعلومات نفسها، بصيغة JSON.
bundle-readme-hashes =
    hashes.csv         سطر لكل عنصر: بصماته SHA-256 وMD5 (وPDQ للصور)، مع حجمه والملف الموجود فيه: وهي
                       قيم البصمات التي تطلبها شهادة الأدلة (مثل الجزء A من الشهادة بموجب المادة 63 من
                       Bharatiya Sakshya Adhiniyam, 2023، وهو قانون الإثبات الهندي).

## src/cli/evidence.rs: threats and actions

evidence-threat-recorded = دُوِّن التهديد رقم { $number } في سجل الحيازة{ $kept ->
        [0] {""}
        [one] {""}، ومعه ملف أو عنصر واحد
        [two] {""}، ومعه ملفان أو عنصران
        [few] {""}، ومعه { $kept } ملفات أو عناصر
        [many] {""}، ومعه { $kept } ملفًا أو عنصرًا
       *[other] {""}، ومعه { $kept } ملف أو عنصر
    }. وسيدخل في كل حزمة أدلة (threats.txt)؛ ولا حاجة أبدًا إلى الاحتفاظ بالصورة الحميمة نفسها للإبلاغ عنه.
evidence-action-recorded = دُوِّن في سجل الحيازة: { $category }. وسيدخل في كل حزمة أدلة (threats.txt).
evidence-draft-written = كُتبت المسوّدة في { $path }: يُرجى ملء كل [ ... ] فيها وقراءتها كلها قبل إرسالها.

## src/cli/backup.rs: backup and restore through restic

backup-no-restic = restic غير مثبّت: على Termux يُرجى تشغيل `pkg install restic`، وعلى Debian أو Ubuntu `sudo apt install restic`
backup-cannot-run = تعذّر تشغيل restic: { $reason }
backup-which-repository = يُرجى تحديد مكان النسخ الاحتياطي مرة واحدة (وسيتذكّره clipvault بعدها): clipvault backup FOLDER (أو أي مستودع restic: sftp:...، s3:...، rclone:...)
backup-creating = لا توجد نسخة احتياطية في { $repo } بعد: جارٍ إنشاء مستودع restic جديد هناك.
backup-progress = جارٍ النسخ الاحتياطي
backup-failed = فشل restic: { $reason }
backup-wrong-keys = { $repo } لا يُفتح بعبارة مرور هذه الخزنة ولا بمفتاحها (ربما أنشأته خزنة أخرى، أو أُنشئ بعبارة مرور تغيّرت منذ ذلك الحين ولم تُدخَل الآن)
backup-key-added = صار المستودع يُفتح بعبارة المرور هذه أيضًا: لا تحتاج الاستعادة إلى شيء غيرها.
backup-session-only = أُنشئت هذه النسخة الاحتياطية عبر جلسة فتح، لذا لا تُفتح حاليًا إلا بالمفتاح الموجود داخل هذه الخزنة: ولو ضاع الهاتف، لتعذّرت استعادتها. يُرجى تشغيل `clipvault backup` مرة واحدة مع عبارة المرور (بكتابتها أو عبر --passphrase-file)، وبعدها لن تحتاج الاستعادة إلا إلى عبارة المرور.
backup-done = اكتمل النسخ الاحتياطي: { $size } إلى { $repo } (اللقطة { $snapshot }، والجديد فيها { $added }). لا تحتاج الاستعادة إلا إلى عبارة مرورك وهذا المستودع.
restore-exists = { $path } موجود بالفعل؛ الاستعادة تكتب دائمًا ملفًا جديدًا: يُرجى اختيار اسم آخر
restore-no-snapshot = لا توجد نسخة احتياطية كاملة من clipvault في { $repo } (أو لا توجد نسخة بهذا المعرّف)
restore-cannot-write = تعذّرت كتابة الخزنة المستعادة في
restore-not-a-vault = النسخة الاحتياطية لا تُفتح بعبارة المرور هذه كخزنة كاملة سليمة: { $reason }
restore-done = استُعيدت الخزنة { $path }: { $items ->
        [zero] لا عناصر فيها
        [one] عنصر واحد
        [two] عنصران
        [few] { $items } عناصر
        [many] { $items } عنصرًا
       *[other] { $items } عنصر
    }، من النسخة الاحتياطية { $snapshot } بتاريخ { $time } UTC، وفُحصت بالكامل: كل شيء سليم.

## src/cli/devices.rs: several devices, merge

device-cannot-write = تعذّرت كتابة ملف الجهاز الجديد
device-added = صار { $path } ملفًا لجهاز آخر من هذه الخزنة: فيه العناصر نفسها، ويُفتح بعبارات المرور نفسها. يُرجى استخدامه على ذلك الجهاز وحده (كل جهاز يكتب في ملفه فقط)، وتشغيل `clipvault merge` على كل جهاز لجلب تغييرات الأجهزة الأخرى.
merge-nothing = لا توجد في مجلد هذه الخزنة نسخة أخرى منها لدمجها
merge-cannot-open = تعذّر فتح { $path } بهذا المفتاح: { $reason }
merge-skipped = تُخطّي { $path }: { $reason }
merge-not-a-copy = { $path } ليس نسخة من هذه الخزنة (يفتحه مفتاح آخر): لم يُدمج شيء
merge-done = دُمج { $path }: أُضيف { $added }، وتغيّر { $changed }، وحُذف نهائيًا { $shredded }{ $kept ->
        [0] {""}
        [one] {""}، وبقي هنا دليل واحد (حُذف هناك دون --force)
        [two] {""}، وبقي هنا دليلان (حُذفا هناك دون --force)
        [few] {""}، وبقيت هنا { $kept } أدلة (حُذفت هناك دون --force)
        [many] {""}، وبقي هنا { $kept } دليلًا (حُذفت هناك دون --force)
       *[other] {""}، وبقي هنا { $kept } دليل (حُذفت هناك دون --force)
    }
merge-conflict-copies = { $count ->
        [one] تركت أداة مزامنة نسخة تعارض (conflict copy) من هذه الخزنة في مجلدها
        [two] تركت أداة مزامنة نسختَي تعارض (conflict copies) من هذه الخزنة في مجلدها
        [few] تركت أداة مزامنة { $count } نُسخ تعارض (conflict copies) من هذه الخزنة في مجلدها
        [many] تركت أداة مزامنة { $count } نسخة تعارض (conflict copies) من هذه الخزنة في مجلدها
       *[other] تركت أداة مزامنة { $count } نسخة تعارض (conflict copies) من هذه الخزنة في مجلدها
    }: الأمر `clipvault merge` { $count ->
        [two] يدمجهما في الخزنة، وبعد ذلك يمكن حذفهما.
       *[other] يدمجها في الخزنة، وبعد ذلك يمكن حذفها.
    }
