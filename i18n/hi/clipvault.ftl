# clipvault के संदेश हिंदी में (clipvault's messages in Hindi). The reference is i18n/en/clipvault.ftl:
# the same ids, the same placeables ({ $name }), in the same order.
# Words used throughout: vault = वॉल्ट, passphrase = पासफ़्रेज़, key = चाबी, recovery key = रिकवरी चाबी,
# item = आइटम, evidence = सबूत, custody log = कस्टडी लॉग, shred/wipe = (हमेशा के लिए) मिटाना,
# hidden part/compartment = छिपा हिस्सा.

## Answers

# Words that mean "yes" to a y/N question, separated by spaces ("y" and "yes" always work).
answer-yes = y yes हाँ हां हा हाँजी ha haan han ji

## Errors that any command can give

try-again = { $error }; फिर से कोशिश करें
nothing-changed = { $error }; कुछ भी नहीं बदला गया
see-help = { $error } (`clipvault --help` देखें)
io-failed = { $what }: { $path }: { $reason }
output-failed = आउटपुट नहीं लिखा जा सका: { $reason }
error-io = I/O में गड़बड़ी: { $reason }
error-busy = वॉल्ट अभी व्यस्त है: clipvault की कोई दूसरी प्रोसेस इसमें लिख रही है (फिर से कोशिश करें, या --wait जोड़ें)
error-truncated = वॉल्ट फ़ाइल अधूरी है (उसका आख़िरी हिस्सा ग़ायब है): यह अब भी पढ़ने के लिए खुलती है (list, cat, export), पर लिखने के लिए कभी नहीं; इसमें जो है, उसे `clipvault salvage --to NEW` से कॉपी कर लें
error-integrity = जाँच में गड़बड़ी निकली: { $damage } (वॉल्ट से छेड़छाड़ हुई है या वह ख़राब हो गया है; `clipvault verify` चलाएँ)
error-malformed = जाँच में गड़बड़ी निकली: { $damage }: { $rule } (यह सही चाबी से प्रमाणित है, यानी इसे चाबी रखने वाले किसी सॉफ़्टवेयर ने ऐसा ही लिखा था, या यह किसी बग की वजह से है; `clipvault verify` चलाएँ)
damage-header = वॉल्ट का हेडर ख़राब है
damage-index = वॉल्ट का इंडेक्स ख़राब है
damage-item = आइटम { $id } ख़राब है
damage-truncated = वॉल्ट फ़ाइल अधूरी है
error-wrong-passphrase = पासफ़्रेज़ ग़लत है
error-not-a-vault = यह clipvault का वॉल्ट नहीं है
error-unsupported-version = यह clipvault वॉल्ट फ़ॉर्मैट वर्ज़न { $version } को नहीं चला सकता
error-no-such-item = ऐसा कोई आइटम नहीं है
error-ambiguous = साफ़ नहीं है कि कौन-सा आइटम; ये हो सकते हैं: { $ids }
error-rekeyed = जब यह कमांड वॉल्ट पढ़ रही थी, तभी किसी दूसरी कमांड ने उसकी चाबियाँ बदल दीं या उसे बंद कर दिया; इसे फिर से चलाएँ
error-evidence = { $ids } { $count ->
        [one] सबूत है: इसे मिटाने या इसका नाम बदलने
       *[other] सबूत हैं: इन्हें मिटाने या इनके नाम बदलने
    } के लिए force चाहिए (कस्टडी लॉग में यह दर्ज होता है)
error-exists = वॉल्ट के पाथ पर पहले से एक फ़ाइल मौजूद है
error-duplicate = इसी नाम से यह पहले से वॉल्ट में है, { $id } के रूप में
error-costly-kdf = यह वॉल्ट Argon2id के लिए { $mib } MiB मेमोरी और { $passes } पास माँगता है, जो इस डिवाइस पर बिना पूछे दी जाने वाली सीमा से ज़्यादा है (इससे मेमोरी ख़त्म हो सकती है); अगर आपको इस फ़ाइल पर भरोसा है, तो --allow-costly-kdf जोड़ें
error-bad-label = चाबी का लेबल ज़्यादा से ज़्यादा 64 बाइट का हो सकता है, और उसमें कंट्रोल कैरेक्टर नहीं होने चाहिए

## Passphrases

passphrase-file-unreadable = पासफ़्रेज़ फ़ाइल पढ़ी नहीं जा सकी
passphrase-file-too-long = पासफ़्रेज़ फ़ाइल { $path } की पहली लाइन 64 KiB से लंबी है; क्या यह सही फ़ाइल है?
passphrase-file-not-text = पासफ़्रेज़ फ़ाइल { $path } UTF-8 टेक्स्ट नहीं है
passphrase-file-empty = पासफ़्रेज़ फ़ाइल { $path } ख़ाली है
passphrase-command-cannot-run = पासफ़्रेज़ वाली कमांड नहीं चल सकी: { $reason }
passphrase-command-failed = पासफ़्रेज़ वाली कमांड फ़ेल हो गई ({ $status })
passphrase-command-not-text = पासफ़्रेज़ वाली कमांड ने जो पहली लाइन छापी, वह UTF-8 टेक्स्ट नहीं है
passphrase-command-empty = पासफ़्रेज़ वाली कमांड ने जो पहली लाइन छापी, वह ख़ाली है
passphrase-no-terminal = पासफ़्रेज़ पूछने के लिए कोई टर्मिनल नहीं है; --passphrase-file इस्तेमाल करें
prompt-new-passphrase = नया पासफ़्रेज़:{" "}
prompt-repeat-passphrase = नया पासफ़्रेज़ दोबारा लिखें:{" "}
passphrases-differ = दोनों पासफ़्रेज़ अलग-अलग हैं
passphrase-none = कोई पासफ़्रेज़ नहीं
generated-passphrase = आपका नया पासफ़्रेज़ (इसे लिख लें और फ़ोन से दूर रखें; यह सिर्फ़ अभी दिखाया जा रहा है):
prompt-confirm-generated = यह आपके पास है, इसकी पुष्टि के लिए इसे एक बार टाइप करें:{" "}
passphrase-no-terminal-confirm = पासफ़्रेज़ की पुष्टि के लिए कोई टर्मिनल नहीं है
generated-mismatch-final = यह वह पासफ़्रेज़ नहीं था जो दिखाया गया था; कुछ भी नहीं बदला गया
generated-mismatch = यह वह नहीं है; फिर से कोशिश करें
passphrase-empty = पासफ़्रेज़ ख़ाली है
passphrase-weak = इस पासफ़्रेज़ का अंदाज़ा आसानी से लगाया जा सकता है; कोई लंबा पासफ़्रेज़ चुनें (चार या ज़्यादा ऐसे शब्द जिनका आपस में कोई संबंध न हो), या --allow-weak-passphrase जोड़ें
passphrase-could-be-guessed = चेतावनी: इस पासफ़्रेज़ का अंदाज़ा लगाया जा सकता है; आपस में बेमेल कई शब्द ज़्यादा मज़बूत होते हैं

## Questions

ask-no-terminal = टर्मिनल के बिना पूछा नहीं जा सकता
answer-unreadable = जवाब पढ़ा नहीं जा सका: { $reason }
confirm-no-terminal = टर्मिनल के बिना पुष्टि नहीं माँगी जा सकती; --yes जोड़ें
confirm-question = { $question } [y/N]{" "}

## Help: each command's one-line summary (about-COMMAND, about-GROUP-COMMAND), the global options

about = clipvault: एक ही फ़ाइल में एन्क्रिप्टेड, निजी मीडिया वॉल्ट।
about-init = नया वॉल्ट बनाएँ
about-add = फ़ाइलें जोड़ें, या फ़ोल्डर (अंदर की हर चीज़ समेत); `-` स्टैंडर्ड इनपुट पढ़ता है
about-list = आइटमों की सूची
about-rename = किसी आइटम को नया नाम दें (सिर्फ़ इंडेक्स बदलता है)
about-tag = आइटमों के टैग जोड़ें या हटाएँ
about-cat = आइटम की सामग्री स्टैंडर्ड आउटपुट पर लिखें (टर्मिनल पर नहीं)
about-thumb = आइटम का थंबनेल (JPEG, अभी मेमोरी में बना) स्टैंडर्ड आउटपुट पर लिखें, टर्मिनल पर नहीं
about-thumbnails = जिन आइटमों के थंबनेल नहीं हैं (पहले जोड़े गए, या --no-thumbnails के साथ), उनके थंबनेल बनाकर रखें
about-evidence = सबूतों का लॉकर: आइटमों को सबूत के रूप में मार्क करें, कस्टडी लॉग पढ़ें, जाँचा जा सकने वाला बंडल एक्सपोर्ट करें
about-fingerprint = StopNCII.org और Take It Down के लिए हैश: तस्वीरों का PDQ, हर आइटम का MD5 और SHA-256
about-gallery = टर्मिनल में वॉल्ट, थंबनेल की ग्रिड के रूप में (बाहर निकलने पर साफ़ हो जाती है)
about-export = आइटमों को सामान्य फ़ाइलों के रूप में किसी फ़ोल्डर में लिखें
about-view = आइटम को डिस्क पर लिखे बिना दिखाएँ
about-serve = इस डिवाइस के ब्राउज़र में एक निजी गैलरी: सिर्फ़ 127.0.0.1, डिस्क पर कुछ नहीं लिखा जाता
about-shred = आइटमों को हमेशा के लिए मिटा दें
about-passwd = पासफ़्रेज़ बदलें
about-info = वॉल्ट की सेटिंग और साइज़ दिखाएँ
about-upgrade = पुराने वॉल्ट (फ़ॉर्मैट वर्ज़न 1, 2 या 3) को अभी वर्ज़न 4 में अपग्रेड करें (लिखने वाली हर कमांड यह करती है)
about-compact = मिटाए गए आइटमों से ख़ाली हुई जगह हटाकर वॉल्ट को फिर से लिखें
about-salvage = ख़राब वॉल्ट का हर सही-सलामत आइटम एक नए वॉल्ट में कॉपी करें (वही पासफ़्रेज़)
about-verify = हर आइटम का हर बाइट और इंडेक्स जाँचें
about-import = सामान्य .age फ़ाइलों को डिक्रिप्ट करके वॉल्ट में रखें (नाम में `.age` के बिना)
about-key = पासफ़्रेज़ और रिकवरी चाबियाँ: देखें, जोड़ें, हटाएँ, बदलें
about-wipe = वॉल्ट के बाहर की फ़ाइलें हमेशा के लिए मिटाएँ (ओवरराइट, ट्रंकेट, नाम बदलना, अनलिंक)
about-unlock = पासफ़्रेज़ एक ही बार पूछा जाए: फिर कुछ देर तक इस वॉल्ट पर चलने वाली कमांड कुछ नहीं पूछेंगी
about-lock = इस वॉल्ट (या हर वॉल्ट) का अनलॉक सेशन अभी ख़त्म करें
about-status = यह वॉल्ट अनलॉक है या नहीं, और कितनी देर के लिए
about-panic = वॉल्ट को अभी के अभी ऐसा बना दें कि वह कभी न खुले: हर चाबी-स्लॉट नष्ट करें (पासफ़्रेज़ की ज़रूरत नहीं)
about-man = मैनुअल पेज छापें, या किसी एक कमांड का (roff; `clipvault man add | man -l -`)
about-completions = शेल कम्प्लीशन छापें
about-key-list = चाबियाँ दिखाएँ: id, किस्म, तारीख़ और लेबल
about-key-add = एक पासफ़्रेज़ जोड़ें (या --recovery के साथ, एक रिकवरी चाबी, जो एक ही बार दिखाई जाती है)
about-key-remove = एक चाबी हटाएँ (आख़िरी चाबी कभी नहीं)
about-key-rotate = अगर किसी चाबी के लीक होने का डर हो, तो सब कुछ नई चाबी पर (नई मास्टर चाबी, सारे आइटम फिर से एन्क्रिप्ट)
about-evidence-mark = आइटमों को सबूत के रूप में मार्क करें, या उनका नोट और स्रोत बदलें (हर बार कस्टडी लॉग में एक एंट्री बनती है)
about-evidence-log = कस्टडी लॉग छापें, हर एंट्री जाँचकर
about-evidence-export = वकील, पुलिस या किसी प्लैटफ़ॉर्म के लिए बंडल लिखें: वॉल्ट की चाबी से साइन किए गए चेकसम के साथ
about-evidence-key = वह चाबी दिखाएँ जिससे यह वॉल्ट बंडल साइन करता है, ताकि आप उसे अभी किसी भरोसेमंद व्यक्ति को दे सकें
about-evidence-check = बंडल जाँचें: उसकी फ़ाइलें, उसका सिग्नेचर, और (--key के साथ) वह चाबी जिसने उसे साइन किया

arg-vault = वॉल्ट फ़ाइल [डिफ़ॉल्ट: $CLIPVAULT_VAULT, वरना ~/.local/share/clipvault/vault.clipvault]
arg-passphrase_file = पासफ़्रेज़ इस फ़ाइल की पहली लाइन से पढ़ें [env: CLIPVAULT_PASSPHRASE_FILE]
arg-passphrase_command = पासफ़्रेज़ उस पहली लाइन से पढ़ें जो यह कमांड छापती है (जैसे कोई पासवर्ड मैनेजर, या termux-keystore के साथ termux-fingerprint) [env: CLIPVAULT_PASSPHRASE_COMMAND]
arg-identity = पासफ़्रेज़ की जगह रिकवरी पहचान (एक AGE-SECRET-KEY-1... फ़ाइल) से वॉल्ट खोलें
arg-wait = अगर कोई दूसरी प्रोसेस लिख रही हो, तो उसका इंतज़ार करें, जितना भी समय लगे
arg-wait_timeout = अगर कोई दूसरी प्रोसेस लिख रही हो, तो उसका ज़्यादा से ज़्यादा SECONDS सेकंड इंतज़ार करें
arg-quiet = न प्रोग्रेस बार, न स्टेटस संदेश
arg-allow_costly_kdf = ऐसा वॉल्ट भी अनलॉक करें जिसकी चाबी बनाने (key derivation) में strong प्रोफ़ाइल से, या इस डिवाइस की एक-चौथाई मेमोरी से ज़्यादा मेमोरी या मेहनत लगती है (किसी और से मिली फ़ाइल ऐसा कर सकती है)
arg-lang = संदेशों की भाषा: en, hi या ar [डिफ़ॉल्ट: $CLIPVAULT_LANG, वरना लोकेल: LC_ALL, LC_MESSAGES, LANG]
help-global-options = सभी कमांड के विकल्प
help-examples = उदाहरण:
help-exit-codes = एग्ज़िट कोड: 0 सफल, 1 कोई और गड़बड़ी (ऐसी फ़ाइल भी जो वॉल्ट नहीं है), 2 ग़लत इस्तेमाल, 3 ग़लत पासफ़्रेज़, 4 जाँच में गड़बड़ी, 5 ऐसा कोई आइटम नहीं, 6 वॉल्ट व्यस्त।

## src/cli/session.rs

session-no-home = होम फ़ोल्डर नहीं मिला; --vault PATH जोड़ें
prompt-passphrase = { $path } का पासफ़्रेज़:{" "}
session-vault-is-folder = { $path } एक फ़ोल्डर है, वॉल्ट नहीं
session-not-vault-file = { $path } वॉल्ट फ़ाइल नहीं है
session-no-vault = { $path } पर कोई वॉल्ट नहीं है (`clipvault init` से एक बनाएँ, या --vault PATH जोड़ें)
session-cannot-open = वॉल्ट नहीं खुल सका
prompt-recovery-key = रिकवरी चाबी (AGE-SECRET-KEY-1...) पेस्ट करें, फिर Enter दबाएँ:{" "}
session-recovery-unreadable = रिकवरी चाबी पढ़ी नहीं जा सकी: { $reason }
session-recovery-stdin-unreadable = स्टैंडर्ड इनपुट से रिकवरी चाबी पढ़ी नहीं जा सकी: { $reason }
session-identity-unreadable = पहचान फ़ाइल पढ़ी नहीं जा सकी
session-no-identity = { $path } में कोई age पहचान (AGE-SECRET-KEY-1...) नहीं है
session-left = (अनलॉक सेशन, { $minutes } मिनट बाकी)
session-wrong-passphrase-again = पासफ़्रेज़ ग़लत है; फिर से कोशिश करें
session-upgraded = वॉल्ट को फ़ॉर्मैट वर्ज़न 4 में अपग्रेड कर दिया (थंबनेल, पैडिंग, लेबल, इंडेक्स से जुड़ी चाबियाँ, मिलती-जुलती कॉपियाँ ढूँढना, धमकियों का रिकॉर्ड); clipvault के इससे पुराने वर्ज़न अब इसे नहीं खोल सकते
session-leftover-removed = { $path } हटा दिया (यह किसी बीच में रुके compact, key rotate या init का बचा हुआ था; पहले इसकी चाबियाँ ओवरराइट की गईं)
session-busy = वॉल्ट व्यस्त है: clipvault की कोई दूसरी प्रोसेस इसमें लिख रही है; उसका इंतज़ार करने के लिए यह चलाएँ: `{ $command }`
session-stale = अनलॉक सेशन से यह वॉल्ट अब नहीं खुलता (इसका पासफ़्रेज़ बदला या हटाया गया, या वॉल्ट की चाबियाँ बदली गईं); `clipvault lock` चलाएँ और फिर वही कमांड दोबारा
session-identity-wrong = इस पहचान से यह वॉल्ट नहीं खुलता
session-kdf-memory-too-large = --kdf-memory बहुत ज़्यादा है
session-unknown-kdf-profile = अनजान --kdf-profile { $profile }; इनमें से एक चुनें: { $profiles }
session-exists = { $path } पहले से मौजूद है; कुछ भी नहीं बदला गया
session-cannot-create-folder = फ़ोल्डर नहीं बन सका
session-generate-and-file = --generate ख़ुद पासफ़्रेज़ बनाता है; --passphrase-file हटा दें
session-cannot-create-vault = वॉल्ट नहीं बन सका
session-created = वॉल्ट { $path } बन गया। पासफ़्रेज़ सँभालकर रखें: इसके बिना वॉल्ट की कोई भी चीज़ वापस नहीं मिल सकती।
session-ask-recovery = एक रिकवरी चाबी भी बना लें, अगर कभी पासफ़्रेज़ भूल जाएँ तो?
session-recovery-key = रिकवरी चाबी (`key list` में चाबी { $id })। इसे लिख लें या प्रिंट कर लें और फ़ोन से दूर किसी सुरक्षित जगह रखें;
    इससे पासफ़्रेज़ के बिना वॉल्ट खुल जाता है (`clipvault --identity FILE ...`)। यह सिर्फ़ इसी एक बार दिखाई जाएगी:

## src/cli/keys.rs

keys-writing-reserve = { $size } का रैंडम रिज़र्व लिखा जा रहा है...
keys-new-file-needed = --passphrase-file के साथ, नया पासफ़्रेज़ --new-passphrase-file से दें
keys-not-a-passphrase = चाबी { $key } पासफ़्रेज़ नहीं है; `clipvault key list` चाबियाँ दिखाता है
keys-changed = चाबी { $old } का पासफ़्रेज़ बदल दिया; पुराना पासफ़्रेज़ अब इस वॉल्ट फ़ाइल को नहीं खोलता। चाबी का id अब { $id } है।
keys-kind-passphrase = पासफ़्रेज़
keys-kind-recovery-key = रिकवरी चाबी
keys-kind-unused = ख़ाली
keys-described = { $id } ({ $kind }, जोड़ी गई: { $added })
keys-described-label = { $id } ({ $kind }, { $label }, जोड़ी गई: { $added })
keys-compartment-others-intro = क्या इस वॉल्ट में, अभी खोले गए हिस्से के अलावा, पहले से कोई और छिपा हिस्सा है? अगर हाँ, तो उसका
    पासफ़्रेज़ टाइप करें, ताकि नया हिस्सा ऐसी जगह रखा जाए जहाँ वह उसे ओवरराइट न कर सके। अगर नहीं, तो बस Enter दबाएँ।
prompt-other-compartment = किसी दूसरे छिपे हिस्से का पासफ़्रेज़ (या बस Enter):{" "}
keys-compartment-new-intro = अब नए छिपे हिस्से का पासफ़्रेज़: वह, जो आप तब दे सकें जब कोई आपको वॉल्ट खोलने पर
    मजबूर करे। इससे सिर्फ़ वही दिखेगा जो आप इसके साथ जोड़ेंगे।
keys-compartment-created = एक छिपा हिस्सा बन गया: नया पासफ़्रेज़ इसे खोलता है, और अभी इसमें कुछ नहीं है। हर पासफ़्रेज़ सिर्फ़ अपना हिस्सा दिखाता है, और फ़ाइल से पता नहीं चलता कि ऐसे कितने हिस्से हैं। ध्यान रखें (SECURITY.md): `compact` और `key rotate` सिर्फ़ वही हिस्सा रखते हैं जिसमें वे चलाए जाते हैं, और किसी हिस्से में जोड़ी गई पाँचवीं चाबी किसी दूसरे हिस्से की चाबी को ओवरराइट कर सकती है।
keys-several-no-terminal = इस वॉल्ट के कई पासफ़्रेज़ हैं: { $keys }; --key ID से बताएँ कि कौन-सा बदलना है
keys-several = इस वॉल्ट के कई पासफ़्रेज़ हैं:
prompt-which-passphrase = नया पासफ़्रेज़ किसकी जगह लगे (उसका id)?{" "}
keys-not-one-of-these = { $answer } इनमें से कोई पासफ़्रेज़ नहीं है; कुछ भी नहीं बदला गया
keys-list-header-id = ID
keys-list-header-kind = किस्म
keys-list-header-created = बनी
keys-list-header-label = लेबल
keys-list-kind-recovery = रिकवरी
keys-list-opened-now = (अभी इसी से खोला)
keys-past-safe = ध्यान दें: यह इस वॉल्ट की चाबी नंबर { $number } है; { $safe }वीं के बाद की चाबी किसी छिपे हिस्से का स्लॉट ले सकती है, अगर इस वॉल्ट में ऐसा कोई हिस्सा है (SECURITY.md)
keys-added-passphrase = एक पासफ़्रेज़ जोड़ दिया: चाबी { $key }।
keys-rotate-others = चाबियाँ बदलने के बाद सिर्फ़ एक पासफ़्रेज़ बचेगा; ये चाबियाँ काम करना बंद कर देंगी:
keys-rotate-question = यह वॉल्ट को दोबारा लिखता है और उसमें सिर्फ़ वही रखता है जो यह पासफ़्रेज़ खोलता है: अगर वॉल्ट में किसी दूसरे पासफ़्रेज़ से खुलने वाला हिस्सा है, तो वह नष्ट हो जाएगा।{ $keys } आगे बढ़ें?
nothing-was-changed = कुछ भी नहीं बदला गया
keys-re-encrypting = फिर से एन्क्रिप्ट हो रहा है
keys-rotated = { $path } की चाबियाँ बदल दीं: { $count ->
        [one] { $count } आइटम नई मास्टर चाबी से फिर से एन्क्रिप्ट किया गया।
       *[other] { $count } आइटम नई मास्टर चाबी से फिर से एन्क्रिप्ट किए गए।
    }
keys-rotated-add-again = { $path } की चाबियाँ बदल दीं: { $count ->
        [one] { $count } आइटम नई मास्टर चाबी से फिर से एन्क्रिप्ट किया गया।
       *[other] { $count } आइटम नई मास्टर चाबी से फिर से एन्क्रिप्ट किए गए।
    } दूसरे पासफ़्रेज़ या रिकवरी चाबियाँ `key add` से फिर से जोड़ें।
keys-remove-opened = चाबी { $key } वही है जिससे आपने अभी वॉल्ट खोला है; इसे किसी दूसरी चाबी से खोलकर हटाएँ, या --force जोड़ें
keys-remove-last = चाबी { $key } आख़िरी पासफ़्रेज़ है; इसके बाद सिर्फ़ रिकवरी चाबियाँ बचेंगी। इसे हटाने के लिए --force जोड़ें
keys-remove-question = चाबी { $key } हटा दें? इसके बाद इससे यह वॉल्ट नहीं खुलेगा।
keys-removed = चाबी { $key } हटा दी; अब इससे यह वॉल्ट फ़ाइल नहीं खुलती।

## src/cli/panic.rs

panic-needs-yes = जब PANIC टाइप करने के लिए टर्मिनल न हो, तब panic के लिए --yes ज़रूरी है
# What the person types to confirm panic: PANIC always works; a language may add its own word.
panic-word = PANIC
prompt-panic = { $path } की हर चाबी अभी नष्ट करने के लिए PANIC टाइप करें:{" "}
panic-cannot-overwrite = चाबियाँ ओवरराइट नहीं हो सकीं
panic-ended-others = { $count ->
        [one] वॉल्ट खोले हुए clipvault की { $count } दूसरी प्रोसेस बंद कर दी
       *[other] वॉल्ट खोले हुए clipvault की { $count } दूसरी प्रोसेस बंद कर दीं
    }
panic-done = { $path }: हर चाबी-स्लॉट नष्ट कर दिया; अब कोई भी पासफ़्रेज़ या रिकवरी चाबी इस फ़ाइल को नहीं खोल सकती। लेकिन इस फ़ाइल की जो कॉपी पहले बनी थी (कोई बैकअप, क्लाउड कॉपी), वह अब भी पुराने पासफ़्रेज़ से खुलती है।
panic-cannot-delete = चाबियाँ नष्ट हो गईं, लेकिन फ़ाइल डिलीट नहीं हो सकी
panic-deleted = { $path } डिलीट कर दिया

## src/cli/items.rs

items-shred-question = { $items } को हमेशा के लिए मिटा दें? यह वापस नहीं लिया जा सकता।
items-shred-question-evidence = { $items } को हमेशा के लिए मिटा दें? यह वापस नहीं लिया जा सकता। ध्यान दें: { $evidence } सबूत है।
items-nothing-shredded = कुछ भी नहीं मिटाया गया
items-shred-not-overwritten = { $items }: वॉल्ट से हमेशा के लिए हटा दिया गया, लेकिन सामग्री ओवरराइट नहीं हो सकी ({ $reason }); वॉल्ट में लिखने वाली अगली कमांड इसे फिर से ओवरराइट करेगी
items-shredded = मिटा दिया: { $item }
items-cannot-wipe = मिटाया नहीं जा सका
items-wipe-folder = { $path } एक फ़ोल्डर है; इसे मिटाने के लिए --recursive जोड़ें
items-cannot-read-folder = फ़ोल्डर { $path } पढ़ा नहीं जा सका: { $reason }
items-wipe-vault = { $path } आपका वॉल्ट है; इसे नहीं मिटाया जाएगा (इसकी जगह आइटम मिटाएँ, या फ़ाइल ख़ुद डिलीट करें)
items-wipe-question = { $count ->
        [one] { $count } फ़ाइल
       *[other] { $count } फ़ाइलें
    } हमेशा के लिए मिटा दें? यह वापस नहीं लिया जा सकता।
items-nothing-wiped = कुछ भी नहीं मिटाया गया
items-could-not-wipe = { $path } मिटाया नहीं जा सका: { $reason }
items-could-not-remove-folder = फ़ोल्डर { $path } हटाया नहीं जा सका: { $reason }
items-wipe-failed = { $count ->
        [one] { $count } पाथ नहीं मिटाया जा सका
       *[other] { $count } पाथ नहीं मिटाए जा सके
    } (ऊपर उनकी सूची है)
items-no-match = कोई आइटम मेल नहीं खाता।
items-bad-glob = पैटर्न { $pattern } सही glob नहीं है: { $reason }
items-renamed = { $old } का नाम बदलकर { $new } किया
items-evidence-refusal-shred = { $names } { $count ->
        [one] सबूत है: इसे
       *[other] सबूत हैं: इन्हें
    } --force के साथ मिटाएँ (कस्टडी लॉग में यह दर्ज होता है)
items-evidence-refusal-rename = { $names } { $count ->
        [one] सबूत है: इसका नाम
       *[other] सबूत हैं: इनके नाम
    } --force के साथ बदलें (कस्टडी लॉग में यह दर्ज होता है)
items-no-tags = कोई टैग नहीं
items-tags = { $name }: { $tags }

## src/cli/run.rs

run-not-built = यह clipvault `{ $feature }` के बिना बनाया गया है (`cargo build --features { $feature }`)
run-no-session = कोई अनलॉक सेशन नहीं चल रहा था
run-locked = लॉक कर दिया: { $count ->
        [one] { $count } अनलॉक सेशन ख़त्म हुआ
       *[other] { $count } अनलॉक सेशन ख़त्म हुए
    }
run-ended-background = { $count ->
        [one] थंबनेल बनाने वाली पीछे चल रही प्रोसेस बंद कर दी; उसके पास चाबी थी
       *[other] थंबनेल बनाने वाली पीछे चल रही { $count } प्रोसेस बंद कर दीं; उनके पास चाबी थी
    }
run-status-unlocked = अनलॉक है: { $minutes } मिनट बाकी (`clipvault lock` इसे ख़त्म करता है)
run-status-locked = लॉक है
run-no-command = { $name } नाम की कोई कमांड नहीं है; `clipvault --help` सारी कमांड दिखाता है

## src/vault/bundle.rs: the evidence bundle's README.txt (keep the two command lines as they are)

bundle-readme =
    यह फ़ोल्डर clipvault (एक एन्क्रिप्टेड मीडिया वॉल्ट) से बनाया गया सबूतों का बंडल है। इसमें { $items ->
        [one] वह { $items } आइटम है जिसे
       *[other] वे { $items } आइटम हैं जिन्हें
    } इसके मालिक ने सबूत के रूप में मार्क किया था।

    manifest.json      हर आइटम: नाम, टाइप, साइज़, SHA-256, वह कब जोड़ा गया और कब मार्क किया गया, मालिक का नोट और
                       स्रोत, और वह फ़ाइल जिसमें वह है (media/...); या, अंतरंग तस्वीरों के लिए (यहाँ { $withheld }),
                       सिर्फ़ उनके हैश: वे तस्वीरें ख़ुद इस बंडल में नहीं हैं।
    custody-log.jsonl  वॉल्ट में सबूतों के लिए दर्ज हर घटना; हर एंट्री अपने से पहले वाली एंट्री से उसके SHA-256
                       ("prev") के ज़रिए जुड़ी है, इसलिए कोई हटाई गई या बदली गई एंट्री पकड़ में आ जाती है।
    SHA256SUMS         यहाँ की हर फ़ाइल का SHA-256।
    SHA256SUMS.sig     वॉल्ट की अपनी चाबी से SHA256SUMS पर किया गया सिग्नेचर; वह चाबी allowed_signers में है।

    यह जाँचने के लिए कि बनने के बाद से इसमें कुछ नहीं बदला, इसी फ़ोल्डर में चलाएँ:

        sha256sum -c SHA256SUMS
        ssh-keygen -Y verify -f allowed_signers -I { $principal } -n { $namespace } -s SHA256SUMS.sig < SHA256SUMS

    पहली कमांड हर फ़ाइल को SHA256SUMS से मिलाती है; दूसरी जाँचती है कि SHA256SUMS वही है जिस पर वॉल्ट ने
    साइन किया था। दोनों का सफल होना ज़रूरी है।

## src/serve/assets: the browser gallery. { $name }, { $done }, { $total }, { $type } and
## { $error } are filled in by the page; keep them as they are.

page-title = गैलरी
page-search = नाम खोजें
page-kind = किस्म
page-kind-all = सभी
page-kind-image = फ़ोटो
page-kind-video = वीडियो
page-kind-audio = ऑडियो
page-kind-other = अन्य
page-tag = टैग
page-any-tag = कोई भी टैग
page-add = जोड़ें
page-lock = लॉक
page-items = आइटम
page-shred = मिटाएँ
page-close = बंद करें
page-locked = लॉक हो गया। चाबियाँ भुला दी गई हैं; आप यह टैब बंद कर सकते हैं।
page-list-failed = आइटमों की सूची नहीं मिल सकी।
page-count-all = { $total } आइटम
page-count-some = { $total } में से { $done } आइटम
page-icon-image = फ़ोटो
page-icon-video = वीडियो
page-icon-audio = ऑडियो
page-icon-other = अन्य
page-evidence = सबूत
page-cannot-play = यह ब्राउज़र इस वीडियो की तस्वीर नहीं दिखा सकता (इसके फ़ॉर्मैट की वजह से, जैसे किसी पुराने फ़ोन का 3GP)। इसे फ़ोन पर चलाएँ: clipvault view NAME
page-evidence-note = सबूत: रखा गया है। इसे मिटाने के लिए clipvault shred --force इस्तेमाल करें।
page-cannot-show = { $type } यहाँ नहीं दिखाया जा सकता; clipvault view या export इस्तेमाल करें।
page-shred-question = { $name } को हमेशा के लिए मिटा दें? यह वापस नहीं लिया जा सकता।
page-shredded = { $name } मिटा दिया।
page-shred-failed = मिटाया नहीं जा सका: { $error }
page-adding = { $total } में से { $done } जोड़ रहे हैं: { $name }
page-added = { $total } में से { $done } जोड़ दिए।

## src/cli/termux.rs

about-termux = clipvault को फ़ोन (Termux) का हिस्सा बनाएँ: शेयर मेन्यू, एक पैनिक बटन, एक गैलरी शॉर्टकट
about-termux-setup = शेयर हुक, पैनिक बटन और Termux:Widget के लिए गैलरी शॉर्टकट लिखें, या उन्हें वापस हटाएँ
about-capture = फ़ोटो लें या वॉइस क्लिप रिकॉर्ड करें, सीधे वॉल्ट में, गैलरी में कभी नहीं (Termux:API)
about-backup = restic से वॉल्ट का बैकअप लें: किसी फ़ोल्डर में, USB पेन ड्राइव में, या sftp, S3, B2, rest-server या किसी भी rclone रिमोट पर
about-restore = restic बैकअप से वॉल्ट वापस लाएँ, एक नई फ़ाइल में
about-device = एक वॉल्ट, कई डिवाइस: हर डिवाइस अपनी अलग फ़ाइल में लिखता है, ऐसे फ़ोल्डर में जिसे कोई सिंक टूल सब डिवाइस पर एक जैसा रखता है
about-device-add = इस वॉल्ट से किसी दूसरे डिवाइस की फ़ाइल शुरू करें: वही आइटम और वही पासफ़्रेज़, पर उसकी अपनी अलग फ़ाइल
about-merge = इस वॉल्ट की दूसरी कॉपियाँ इसमें मिलाएँ, एक-एक आइटम करके: किसी दूसरे डिवाइस की फ़ाइल, सिंक की कॉन्फ़्लिक्ट कॉपी, या बैकअप से वापस लाया गया वॉल्ट
about-leftovers = वॉल्ट के आइटमों की वे कॉपियाँ ढूँढें जो वॉल्ट के बाहर छूट गई हैं: गैलरी के ट्रैश और थंबनेल में, चैट ऐप में, डाउनलोड में
termux-not-termux = यह Termux नहीं है (TERMUX_VERSION सेट नहीं है): जुड़ने के लिए यहाँ कोई शेयर मेन्यू या विजेट नहीं है
termux-will-write = clipvault termux setup ये लिखेगा:
termux-hook-share = Termux पर शेयर की गई फ़ाइल वॉल्ट में जाती है (add --move: एन्क्रिप्ट करके, जाँचकर, ~/downloads वाली कॉपी मिटाकर); बाकी फ़ाइलें आपके अपने हुक पर जाती हैं, अगर आपका कोई हुक था
termux-hook-panic = Termux:Widget के लिए एक पैनिक बटन (होम स्क्रीन पर, या Android 11+ पर पावर मेन्यू में): वॉल्ट की हर चाबी एक झटके में नष्ट कर देता है, बिना कुछ पूछे, बिना टर्मिनल के
termux-hook-gallery = Termux:Widget का एक शॉर्टकट, जो ब्राउज़र में गैलरी खोलता है (clipvault serve --open)
termux-keeps-yours = आपका अपना शेयर हुक { $path } के रूप में रखा गया है; जो फ़ाइलें फ़ोटो, वीडियो या वॉइस नहीं हैं, वे उसी पर जाती हैं
termux-write-question = ये लिख दें?
termux-cannot-set-aside = आपका शेयर हुक हटाकर अलग नहीं रखा जा सका
termux-wrote = { $path } लिख दिया
termux-done = हो गया। किसी फ़ोटो को वॉल्ट में रखने के लिए उसे Termux पर शेयर करें; पैनिक बटन और गैलरी के लिए अपनी होम स्क्रीन पर Termux:Widget विजेट जोड़ें। यह सब वापस हटाने के लिए: clipvault termux setup --remove
termux-press-enter = बंद करने के लिए Enter दबाएँ।{" "}
termux-cannot-remove = हटाया नहीं जा सका
termux-removed = { $path } हटा दिया
termux-put-back = आपका अपना शेयर हुक { $path } पर वापस रख दिया
termux-nothing-to-remove = हटाने के लिए कुछ नहीं: clipvault termux setup की लिखी कोई फ़ाइल नहीं मिली
termux-cannot-write = लिखा नहीं जा सका
capture-no-tool = { $tool } इंस्टॉल नहीं है: `pkg install termux-api` चलाएँ, और Termux:API ऐप (F-Droid से) इंस्टॉल करें
capture-nothing = { $tool } ने कुछ नहीं लिखा (क्या Termux:API को कैमरा या माइक्रोफ़ोन की इजाज़त दी गई थी?); कुछ भी नहीं जोड़ा गया
capture-voice-needs-seconds = Enter दबाने के लिए टर्मिनल नहीं है, इसलिए --seconds N से बताएँ कि कितनी देर रिकॉर्ड करना है
capture-recording-for = { $seconds } सेकंड तक रिकॉर्ड हो रहा है...
capture-recording-until-enter = रिकॉर्ड हो रहा है... रोकने के लिए Enter दबाएँ।{" "}
capture-tool-failed = { $tool } फ़ेल हो गया: { $reason }

## src/cli/add.rs

add-stdin-needs-name = स्टैंडर्ड इनपुट (`-`) पढ़ने के लिए --name NAME ज़रूरी है
add-cannot-add = जोड़ा नहीं जा सका
add-cannot-read-folder = फ़ोल्डर { $path } पढ़ा नहीं जा सका: { $reason }
add-not-a-file = { $path } नहीं जोड़ा जा सका: यह सामान्य फ़ाइल नहीं है
add-name-needs-one-file = --name सिर्फ़ ठीक एक फ़ाइल के साथ चलता है
add-create-vault-question = अभी कोई वॉल्ट नहीं है। { $path } पर एक बना दें?
add-no-vault-created = कोई वॉल्ट नहीं बनाया गया; कुछ भी नहीं जोड़ा गया
# What stands for the name of what was read from standard input (`-`) in the other messages.
add-standard-input = स्टैंडर्ड इनपुट
add-progress = जोड़ रहे हैं
add-skipped-summary = { $total } में से { $skipped } पहले से वॉल्ट में थे (वही नाम और सामग्री), इसलिए छोड़ दिए गए; --allow-duplicates उन्हें दोबारा रखता है
add-skipped-summary-tagged = { $total } में से { $skipped } पहले से वॉल्ट में थे (वही नाम और सामग्री), इसलिए छोड़ दिए गए; उनमें से { $tagged } को नए टैग मिले; --allow-duplicates उन्हें दोबारा रखता है
add-stopped-stored = रुक गया: { $name } ठीक पहले रख लिया गया था
add-stopped-not-stored = रुक गया: { $name } नहीं रखा गया, उसका कुछ भी सेव नहीं हुआ
# "added" is the word that begins each add-added line.
add-stopped-some-stored = रुक गया: { $total } में से { $stored } रख लिए गए (ऊपर "जोड़ा" वाली लाइनें, और जो पहले से वॉल्ट में थे); { $name } ठीक पहले रख लिया गया था
add-stopped-some-not-stored = रुक गया: { $total } में से { $stored } रख लिए गए (ऊपर "जोड़ा" वाली लाइनें, और जो पहले से वॉल्ट में थे); { $name } नहीं रखा गया, उसका कुछ भी सेव नहीं हुआ
add-no-thumbnail = ध्यान दें: { $name } का थंबनेल नहीं बना: { $why }
add-no-ffmpeg = ध्यान दें: { $why } (ffmpeg इंस्टॉल करें, फिर `clipvault thumbnails --all` चलाएँ)
add-no-heif = ध्यान दें: { $why } (Debian पर libheif-examples, Termux पर libheif-progs इंस्टॉल करें, फिर `clipvault thumbnails --all` चलाएँ)
add-is-the-vault = { $path } ख़ुद वॉल्ट है
add-wipe-unfinished = ध्यान दें: सेव हो गया, लेकिन इंडेक्स की बदली गई पुरानी कॉपियाँ ओवरराइट नहीं हो सकीं ({ $why }); अगली बार लिखते समय फिर कोशिश होगी
add-added = जोड़ा: { $name }, id { $id } ({ $size }, { $media })
add-same-content = ध्यान दें: यही सामग्री { $id } ({ $name }) के रूप में भी रखी है
add-already-marking = { $path } पहले से वॉल्ट में है; उसे मार्क कर रहे हैं
add-skipped = छोड़ा: { $path }: पहले से वॉल्ट में { $id } के रूप में है ({ $name }, वही नाम और सामग्री); --allow-duplicates इसे दोबारा रखता है
add-skipped-tagged = छोड़ा: { $path }: पहले से वॉल्ट में { $id } के रूप में है ({ $name }, वही नाम और सामग्री); टैग लगाए: { $tags }; --allow-duplicates इसे दोबारा रखता है
add-marked-evidence = { $id } को सबूत के रूप में मार्क किया (कस्टडी लॉग में एंट्री लिखी गई)
add-stdin-no-original = स्टैंडर्ड इनपुट की कोई मूल फ़ाइल नहीं है जिसे हटाया जाए
add-symlink-kept = { $path } रख लिया, लेकिन यह एक सिंबॉलिक लिंक है: मूल फ़ाइल, { $target }, अपनी जगह पर छोड़ दी गई है (अगर आप उसे मिटाना चाहते हैं, तो `clipvault wipe` से मिटाएँ)
add-symlink-kept-unknown = { $path } रख लिया, लेकिन यह एक सिंबॉलिक लिंक है: मूल फ़ाइल, यानी इसका टारगेट, अपनी जगह पर छोड़ दी गई है (अगर आप उसे मिटाना चाहते हैं, तो `clipvault wipe` से मिटाएँ)
add-reads-back-wrong = { $path } की रखी गई कॉपी वापस सही नहीं पढ़ी जा रही; मूल फ़ाइल नहीं हटाई गई
add-cannot-reread = सुरक्षित रख लिया, लेकिन मूल फ़ाइल नहीं हटाई गई: उसे दोबारा पढ़ा नहीं जा सका
add-changed-meanwhile = जोड़ते समय { $path } बदल गई; मूल फ़ाइल नहीं हटाई गई
add-cannot-wipe = सुरक्षित रख लिया, लेकिन मूल फ़ाइल मिटाई नहीं जा सकी
wipe-wiped = मिटा दिया: { $path }
wipe-removed-link = लिंक { $path } हटा दिया (उसका टारगेट नहीं छुआ गया)
wipe-other-links = { $path } हटा दिया, लेकिन ध्यान दें: उसकी सामग्री ओवरराइट नहीं हुई: { $links } दूसरे हार्ड लिंक अब भी उसी की ओर इशारा करते हैं
import-prompt-age-passphrase = age पासफ़्रेज़:{" "}
import-needs-identity = import के लिए --age-identity FILE या --age-passphrase ज़रूरी है
import-cannot-read-identity = पहचान फ़ाइल पढ़ी नहीं जा सकी
import-no-identity = { $path } में इस्तेमाल लायक कोई age पहचान नहीं है: { $reason }
import-cannot-import = इंपोर्ट नहीं हो सका
import-progress = इंपोर्ट कर रहे हैं
import-failed = { $path } इंपोर्ट नहीं हो सका: { $reason }
import-costly-kdf = { $path } इंपोर्ट नहीं हो सका: इसके पासफ़्रेज़ के लिए scrypt work factor { $factor } ({ $mib } MiB) चाहिए, जो इस डिवाइस पर बिना पूछे दी जाने वाली सीमा ({ $allowed }) से ज़्यादा है; अगर आपको इस फ़ाइल पर भरोसा है, तो --allow-costly-kdf जोड़ें
import-skipped = छोड़ा: { $path }: पहले से वॉल्ट में { $id } के रूप में है (वही नाम और सामग्री)
import-imported = इंपोर्ट किया: { $name }, id { $id }
add-tag-not-evidence = ध्यान दें: टैग लगाने से { $names } सबूत नहीं बनता (कस्टडी लॉग नहीं बनता; यह --force के बिना भी मिट जाता है); इसे सबूत के रूप में रखने के लिए चलाएँ: clipvault evidence mark { $first } --note '...' --source '...'

## src/cli/viewing.rs

cat-refuses-terminal = आइटम को टर्मिनल पर नहीं लिखा जाएगा; इसे रीडायरेक्ट करें (`clipvault cat ITEM > file`) या `clipvault view` इस्तेमाल करें
thumb-refuses-terminal = JPEG को टर्मिनल पर नहीं लिखा जाएगा; इसे रीडायरेक्ट करें (`> thumb.jpg`)
thumb-none = { $name } का कोई थंबनेल नहीं: { $why }
thumbnails-none-needed = माँगी गई हर तस्वीर और वीडियो का थंबनेल पहले से है
thumbnails-progress = थंबनेल
thumbnails-stored = { $stored ->
        [one] { $stored } थंबनेल रखा
       *[other] { $stored } थंबनेल रखे
    }; { $failed ->
        [one] { $failed } आइटम का थंबनेल नहीं बना
       *[other] { $failed } आइटमों के थंबनेल नहीं बने
    }
export-cannot-create-folder = फ़ोल्डर नहीं बन सका
export-not-a-folder = { $path } फ़ोल्डर नहीं है
export-skipped-exists = छोड़ा: { $name } ({ $path } पहले से है)
export-exported = { $name } को { $path } में एक्सपोर्ट किया
export-not-exported = { $count ->
        [one] { $count } आइटम एक्सपोर्ट नहीं हुआ (ऊपर देखें)
       *[other] { $count } आइटम एक्सपोर्ट नहीं हुए (ऊपर देखें)
    }
export-not-a-folder-inside = { $path } फ़ोल्डर नहीं है; वहाँ कुछ नहीं लिखा गया
export-exists = { $path } पहले से मौजूद है (--force उसे बदल देता है, --skip-existing उसे छोड़ देता है)
export-cannot-write-into = इस फ़ोल्डर में लिखा नहीं जा सका
export-progress = एक्सपोर्ट कर रहे हैं
export-cannot-write = लिखा नहीं जा सका
export-prompt-age-passphrase = एक्सपोर्ट की गई .age फ़ाइलों के लिए नया पासफ़्रेज़ (जो भी इन्हें खोलेगा, उसे यह चाहिए होगा; यह वॉल्ट का पासफ़्रेज़ नहीं है):{" "}
export-prompt-repeat-age-passphrase = .age फ़ाइलों का पासफ़्रेज़ दोबारा लिखें:{" "}
export-cannot-read-recipients = recipients फ़ाइल पढ़ी नहीं जा सकी
export-not-a-recipient = { $line } कोई age recipient (age1...) नहीं है

## src/cli/view.rs

# { $media } is a media type, such as video/mp4.
view-no-viewer-video = { $media } के लिए कोई व्यूअर नहीं मिला: mpv इंस्टॉल करें (Debian: `apt install mpv`; Termux: `pkg install mpv`), या --with CMD से कोई व्यूअर चुनें
view-no-viewer-image = { $media } के लिए कोई व्यूअर नहीं मिला: feh इंस्टॉल करें (Debian: `apt install feh`), या इसे टर्मिनल में या ब्राउज़र गैलरी (`clipvault serve`) में देखें, या --with CMD से कोई व्यूअर चुनें
view-no-viewer-text = { $media } के लिए कोई व्यूअर नहीं मिला: less इंस्टॉल करें, या --with CMD से कोई व्यूअर चुनें
view-no-viewer-other = { $media } के लिए कोई व्यूअर नहीं मिला: इस टाइप के लिए कोई डिफ़ॉल्ट व्यूअर नहीं है; --with CMD से कोई व्यूअर चुनें
view-play-no-viewer-video = { $media } के लिए कोई व्यूअर नहीं मिला: mpv इंस्टॉल करें (Debian: `apt install mpv`; Termux: `pkg install mpv`), या `clipvault view --with CMD` आज़माएँ
view-play-no-viewer-image = { $media } के लिए कोई व्यूअर नहीं मिला: feh इंस्टॉल करें (Debian: `apt install feh`), या इसे टर्मिनल में या ब्राउज़र गैलरी (`clipvault serve`) में देखें, या `clipvault view --with CMD` आज़माएँ
view-play-no-viewer-text = { $media } के लिए कोई व्यूअर नहीं मिला: less इंस्टॉल करें, या `clipvault view --with CMD` आज़माएँ
view-play-no-viewer-other = { $media } के लिए कोई व्यूअर नहीं मिला: इस टाइप के लिए कोई डिफ़ॉल्ट व्यूअर नहीं है; `clipvault view --with CMD` आज़माएँ
view-once-confirm = { $name } को अभी मिटा दें?
view-kept = { $name } रखा गया
view-once-shredded = एक बार देख लिया: { $name } मिटा दिया गया है
view-image-signal = एक सिग्नल से व्यू बंद हुआ; स्क्रीन और उसका स्क्रॉलबैक साफ़ कर दिए गए
view-image-idle = काफ़ी देर तक कोई बटन नहीं दबाया गया, इसलिए व्यू बंद हो गया; स्क्रीन और उसका स्क्रॉलबैक साफ़ कर दिए गए
view-image-closed = व्यू बंद हुआ; स्क्रीन और उसका स्क्रॉलबैक साफ़ कर दिए गए
view-not-installed = { $program } इंस्टॉल नहीं है (Debian: `apt install { $program }`; Termux: `pkg install { $program }`)
# { $status } is how the viewer ended, as the system says it (exit status: 1).
view-viewer-failed = व्यूअर इस तरह बंद हुआ: { $status }
view-viewer-failed-kept = व्यूअर इस तरह बंद हुआ: { $status }; आइटम नहीं मिटाया गया
view-cannot-start = व्यूअर शुरू नहीं हो सका: { $reason }
view-no-memory-file = मेमोरी में फ़ाइल नहीं बन सकी: { $reason }
view-memory-file-unsupported = मेमोरी वाली फ़ाइलों के लिए Linux या Android चाहिए; {"{"}{"}"} के बिना --with CMD इस्तेमाल करें

## src/cli/terminal/screen.rs

gallery-cannot-show = यह तस्वीर यहाँ नहीं दिखाई जा सकती; `clipvault view --with CMD` आज़माएँ
gallery-too-large = यह तस्वीर यहाँ दिखाने के लिए बहुत बड़ी है; `clipvault view --with CMD` आज़माएँ
gallery-needs-terminal = गैलरी के लिए टर्मिनल चाहिए; स्क्रिप्ट के लिए `clipvault list` है
gallery-terminal-error = टर्मिनल इस्तेमाल नहीं हो सका: { $reason }
# The status line under an image that `clipvault view` shows in the terminal.
view-image-status = { $name } · कोई भी बटन: वापस (स्क्रीन और उसका स्क्रॉलबैक साफ़ हो जाते हैं)

## src/cli/terminal/gallery.rs

# What the key ? shows, one key a line: the keys stay as they are, only what they do is
# translated (the spaces line the descriptions up). The empty line is kept.
gallery-keys =
    arrows, h j k l   इधर-उधर जाएँ
    Enter             खोलें (तस्वीर यहीं; वीडियो और ऑडियो किसी प्लेयर में)
    /                 नाम खोजें (Enter लागू करता है, Esc रद्द करता है)
    t                 अगला फ़िल्टर: सब, फ़ोटो, वीडियो, ऑडियो, हर टैग
    Esc               खोज और फ़िल्टर हटाएँ
    r                 नाम बदलें (Ctrl-U सब साफ़ करता है, Ctrl-W एक शब्द मिटाता है)
    d                 मिटाएँ (पहले पूछता है; सबूत नहीं मिटते)
    ?                 ये बटन
    q, Ctrl-C         बाहर निकलें (स्क्रीन और स्क्रॉलबैक साफ़ हो जाते हैं)

    कुछ देर तक कोई बटन न दबाने पर गैलरी ख़ुद लॉक हो जाती है।
    कोई भी बटन: वापस।
# The filters that t cycles through, as the status line names them (tags are shown as #tag).
gallery-filter-all = सब
gallery-filter-photos = फ़ोटो
gallery-filter-videos = वीडियो
gallery-filter-audio = ऑडियो
# What a grid cell says when it has no picture to show.
gallery-kind-image = तस्वीर
gallery-kind-video = वीडियो
gallery-kind-audio = ऑडियो
gallery-kind-text = टेक्स्ट
# The status line at the bottom: { $text } is what is being typed, followed by a cursor (_).
gallery-search = खोजें: { $text }_  (Enter लागू करें, Esc रद्द करें)
gallery-rename = नया नाम: { $text }_  (Enter नाम बदलें, Esc रद्द करें)
gallery-confirm-shred = हमेशा के लिए मिटा दें? यह वापस नहीं लिया जा सकता (y / n)
gallery-any-key = कोई भी बटन: वापस
# The status line while browsing; the -short ones are for narrow screens (a phone's 45 columns).
gallery-status = { $shown } दिख रहे · { $filter } · तीर: चलें · / खोजें · t फ़िल्टर · Enter खोलें · d मिटाएँ · r नाम बदलें · ? बटन · q बाहर
gallery-status-search = { $shown } दिख रहे · { $filter } · "{ $query }" · तीर: चलें · / खोजें · t फ़िल्टर · Enter खोलें · d मिटाएँ · r नाम बदलें · ? बटन · q बाहर
gallery-status-short = { $shown } दिख रहे · { $filter } · ? बटन · q बाहर
gallery-status-search-short = { $shown } दिख रहे · { $filter } · "{ $query }" · ? बटन · q बाहर
gallery-empty = दिखाने को कुछ नहीं: वॉल्ट ख़ाली है, या कुछ भी मेल नहीं खाता।
gallery-renamed = नाम बदल दिया
gallery-not-renamed = नाम नहीं बदला: { $reason }
gallery-shredded = मिटा दिया
gallery-is-evidence = यह आइटम सबूत है: इसे `clipvault shred --force` से मिटाएँ
gallery-not-shredded = नहीं मिटाया: { $reason }
gallery-nothing-shredded = कुछ भी नहीं मिटाया गया
gallery-how-to-leave = q से गैलरी से बाहर; ? से बटन दिखते हैं
gallery-no-display = यहाँ वीडियो दिखाने के लिए कोई डिस्प्ले नहीं है: इसे ब्राउज़र गैलरी (`clipvault serve`) में देखें
gallery-ended-signal = एक सिग्नल से गैलरी बंद हुई; स्क्रीन और उसका स्क्रॉलबैक साफ़ कर दिए गए
gallery-ended-idle = काफ़ी देर तक कोई बटन नहीं दबाया गया, इसलिए गैलरी लॉक हो गई; स्क्रीन और उसका स्क्रॉलबैक साफ़ कर दिए गए
gallery-ended-closed = गैलरी बंद हुई; स्क्रीन और उसका स्क्रॉलबैक साफ़ कर दिए गए

## src/cli/maintenance.rs

salvage-needs-passphrase = salvage के लिए पासफ़्रेज़ चाहिए (नए वॉल्ट का भी यही पासफ़्रेज़ होगा)
salvage-exists = { $path } पहले से मौजूद है; कोई नया पाथ चुनें
salvage-cannot-create = वॉल्ट नहीं बन सका
salvage-progress = बचा रहे हैं
# One line for each item that could not be salvaged: its id and name.
salvage-lost = खो गया: { $id } { $name }
salvage-done-headers-only = सिर्फ़ अपने आइटम हेडर के सहारे मिले { $items } आइटमों में से { $saved } बचा लिए (इंडेक्स के मैनिफ़ेस्ट की दोनों कॉपियाँ पढ़ी नहीं जा सकीं; जिन आइटमों का आइटम हेडर भी ख़राब है, वे खो गए हैं, और कितने, यह पता नहीं); { $to } में; { $vault } में कोई बदलाव नहीं हुआ
salvage-done-index-lost = मिले { $items } आइटमों में से { $saved } बचा लिए (इनमें से { $recovered } सिर्फ़ अपने आइटम हेडर के सहारे मिले); { $segments } इंडेक्स हिस्सों में से { $lost } पढ़े नहीं जा सके, और उनमें दर्ज जिन आइटमों का आइटम हेडर भी ख़राब है (कितने, यह पता नहीं), वे खो गए हैं; { $to } में; { $vault } में कोई बदलाव नहीं हुआ
salvage-done = { $items } में से { $saved } आइटम बचा लिए; { $to } में; { $vault } में कोई बदलाव नहीं हुआ
salvage-index-unreadable = इंडेक्स के कुछ हिस्से पढ़े नहीं जा सके: जो आइटम सिर्फ़ वहीं दर्ज थे, अगर कोई थे, तो वे खो गए हैं
salvage-items-lost = { $count ->
        [one] { $count } आइटम नहीं बचाया जा सका
       *[other] { $count } आइटम नहीं बचाए जा सके
    }
salvage-items-and-index-lost = { $count ->
        [one] { $count } आइटम नहीं बचाया जा सका
       *[other] { $count } आइटम नहीं बचाए जा सके
    }, और इंडेक्स के कुछ हिस्से पढ़े नहीं जा सके
verify-progress = जाँच रहे हैं
# One line for each damaged item (its id, name, and what is wrong), or damage elsewhere.
verify-damaged-item = ख़राब: { $id } { $name }: { $what }
verify-warning = चेतावनी: { $what }
verify-damaged = { $items } में से { $damaged } आइटम ख़राब हैं
verify-damaged-and-index = { $items } में से { $damaged } आइटम ख़राब हैं, और इंडेक्स के कुछ हिस्से पढ़े नहीं जा सकते
verify-file-damaged = { $items ->
        [one] { $items } आइटम सही-सलामत वापस पढ़ा गया
       *[other] सभी { $items } आइटम सही-सलामत वापस पढ़े गए
    }, लेकिन वॉल्ट फ़ाइल ख़राब है (ऊपर देखें); `clipvault salvage --to NEW` चलाएँ
verify-intact = { $items ->
        [one] { $items } आइटम जाँचा
       *[other] { $items } आइटम जाँचे
    } ({ $size }): सब सही-सलामत
# { $memory } is a size with its unit (64 MiB).
info-unlock-cost = अनलॉक करने की लागत: Argon2id, { $memory }, { $passes } पास, { $lanes } लेन
info-unlock-cost-too-high = अनलॉक करने की लागत: Argon2id, { $memory }, { $passes } पास, { $lanes } लेन; यह उससे ज़्यादा है जितना यह डिवाइस --allow-costly-kdf के बिना देता है
upgrade-nothing-to-do = { $path } पहले से फ़ॉर्मैट वर्ज़न { $version } में है; करने को कुछ नहीं
# Asked before compact and key rotate.
compact-keeps-one-compartment = यह वॉल्ट को दोबारा लिखता है और उसमें सिर्फ़ वही रखता है जो यह पासफ़्रेज़ खोलता है: अगर वॉल्ट में किसी दूसरे पासफ़्रेज़ से खुलने वाला हिस्सा है, तो वह नष्ट हो जाएगा।
# { $warning } is compact-keeps-one-compartment.
compact-confirm = { $warning } compact करें?
compact-nothing-changed = कुछ भी नहीं बदला गया
compact-done = { $path } को compact किया: { $size } जगह ख़ाली हुई

## src/cli/evidence.rs

evidence-marked = { $count ->
        [one] { $count } आइटम को
       *[other] { $count } आइटमों को
    } सबूत के रूप में मार्क किया; कस्टडी लॉग में यह दर्ज है
evidence-log-empty = कस्टडी लॉग ख़ाली है: किसी भी आइटम को सबूत के रूप में मार्क नहीं किया गया है।
evidence-key-advice = ऊपर: उस चाबी का फ़िंगरप्रिंट जिससे यह वॉल्ट सबूतों के बंडल साइन करता है, और ख़ुद वह चाबी। इन्हें अभी किसी भरोसेमंद व्यक्ति को भेज दें (किसी वकील को, किसी हेल्पलाइन को, या ख़ुद को एक ईमेल)। बाद में `clipvault evidence check BUNDLE --key FINGERPRINT`, या बंडल की चाबी पर `ssh-keygen -l -f`, यह दिखाता है कि बंडल इसी चाबी से साइन हुआ था, न कि उसकी जगह रखी गई किसी और चाबी से।
# { $signer } is a key's fingerprint (SHA256:...).
evidence-check-key-given = { $bundle }: { $files ->
        [one] { $files } फ़ाइल SHA256SUMS से मेल खाती है
       *[other] { $files } फ़ाइलें SHA256SUMS से मेल खाती हैं
    }, { $signer } से साइन किया गया, जो दी गई चाबी है: बंडल ठीक वैसा ही है जैसा उस चाबी ने साइन किया था
evidence-check-own-key = { $bundle }: { $files ->
        [one] { $files } फ़ाइल SHA256SUMS से मेल खाती है
       *[other] { $files } फ़ाइलें SHA256SUMS से मेल खाती हैं
    }, { $signer } से साइन किया गया (बंडल की अपनी चाबी: --key के बिना इससे सिर्फ़ इतना पता चलता है कि फ़ाइलें उससे मेल खाती हैं; यह दिखाने के लिए कि यह वॉल्ट की चाबी है, पहले भेजा गया फ़िंगरप्रिंट दें)
# A line of `clipvault fingerprint`: "pdq" is the hash's name; the spaces line the hashes up.
fingerprint-pdq = pdq     { $hash } (क्वालिटी { $quality })
fingerprint-advice = किसी अंतरंग तस्वीर को फैलने से रोकने के लिए: उसका PDQ हैश (तस्वीरों के लिए) या MD5 (वीडियो के लिए) StopNCII.org (बालिगों के लिए) या takeitdown.ncmec.org (18 साल से कम उम्र में ली गई तस्वीरों के लिए) पर जमा करें। फिर प्लैटफ़ॉर्म मेल खाने वाली कॉपियों को ब्लॉक कर देते हैं, बिना किसी के तस्वीर देखे। clipvault कुछ भी अपलोड नहीं करता; पूरा तरीका docs/EVIDENCE.md में है।
evidence-not-marked = { $name } सबूत के रूप में मार्क नहीं है; पहले `clipvault evidence mark` से इसे मार्क करें
evidence-export-which = बताएँ कि कौन-से सबूत एक्सपोर्ट करने हैं: ITEM..., --all या --tag TAG
evidence-export-none = सबूत के रूप में मार्क किया गया कोई भी आइटम मेल नहीं खाता
evidence-export-exists = { $path } मौजूद है और ख़ाली नहीं है; कोई नया फ़ोल्डर चुनें
evidence-cannot-write-bundle = बंडल नहीं लिखा जा सका
# { $tag } is the tag's name, intimate, which is not translated.
evidence-exported = { $items ->
        [one] { $items } आइटम का
       *[other] { $items } आइटमों का
    } सबूत-बंडल { $path } में लिख दिया; इसे `sha256sum -c SHA256SUMS` और README.txt में दी गई ssh-keygen वाली लाइन से जाँचें
evidence-exported-withheld = { $items ->
        [one] { $items } आइटम का
       *[other] { $items } आइटमों का
    } सबूत-बंडल { $path } में लिख दिया ({ $withheld } आइटम, जिन पर `{ $tag }` टैग है, सिर्फ़ हैश के रूप में: --include-media से फ़ाइलें भी शामिल होती हैं); इसे `sha256sum -c SHA256SUMS` और README.txt में दी गई ssh-keygen वाली लाइन से जाँचें

## src/cli/output.rs

output-empty-vault = वॉल्ट ख़ाली है। `clipvault add PATH` से फ़ाइलें जोड़ें।
# The headings of the columns of `clipvault list`.
output-column-id = ID
output-column-name = नाम
output-column-type = टाइप
output-column-size = साइज़
output-column-added = जोड़ा
output-column-tags = टैग
# What `clipvault info` prints: the labels are translated, the spaces after them line the
# values up. { $created } is a date and time (2026-12-01T14:05:00Z); the sizes have their unit.
output-info =
    वॉल्ट:         { $path }
    फ़ॉर्मैट:        वर्ज़न { $version }
    kdf:          Argon2id, { $mib } MiB, { $passes } पास, { $lanes } लेन
    बना:          { $created }
    चाबियाँ:       { $keys }
    आइटम:         { $items }
    सामग्री:       { $content }
    फ़ाइल साइज़:    { $file }
    बाकी जगह:     { $other } (ख़ाली की गई, पैडिंग, रैंडम रिज़र्व: इन आइटमों की नहीं)
# After `clipvault key add --recovery > FILE`: the key is in that file.
output-recovery-key-file = रिकवरी चाबी { $path } में है। इसे प्रिंट कर लें या फ़ोन से बाहर कहीं कॉपी कर लें, फिर इसे हटा दें: `clipvault wipe { $path }`।
output-recovery-key-file-private = रिकवरी चाबी { $path } में है (इसे सिर्फ़ आप पढ़ सकते हैं)। इसे प्रिंट कर लें या फ़ोन से बाहर कहीं कॉपी कर लें, फिर इसे हटा दें: `clipvault wipe { $path }`।
output-recovery-key-press-enter = लिख लेने के बाद Enter दबाएँ; फिर स्क्रीन और उसका स्क्रॉलबैक साफ़ कर दिए जाएँगे।{" "}

## src/cli/resolve.rs

# { $typed } is what was typed, in quotes; { $first }, { $second } and { $third } are stored
# names that look like it, in quotes, most alike first.
resolve-no-match = { $typed } से कोई आइटम मेल नहीं खाता (`clipvault list` सब दिखाता है)
resolve-no-match-one = { $typed } से कोई आइटम मेल नहीं खाता; क्या आपका मतलब { $first } था? (`clipvault list` सब दिखाता है)
resolve-no-match-two = { $typed } से कोई आइटम मेल नहीं खाता; क्या आपका मतलब { $first } या { $second } था? (`clipvault list` सब दिखाता है)
resolve-no-match-three = { $typed } से कोई आइटम मेल नहीं खाता; क्या आपका मतलब { $first } या { $second } या { $third } था? (`clipvault list` सब दिखाता है)
# A name that several items share, with the id of the one meant.
resolve-name-with-id = { $name } (id { $id })
# { $candidates } are the items that match, each as its id and name.
resolve-ambiguous = { $typed } कई आइटमों से मेल खाता है: { $candidates }; id इस्तेमाल करें

## src/cli/interrupt.rs

# Why reading stopped (Ctrl-C, SIGTERM or SIGHUP came).
interrupt-stopped = एक सिग्नल ने रोक दिया
interrupt-registry-poisoned = सिग्नल रजिस्ट्री ख़राब (poisoned) हो गई

## src/cli/serve.rs

# { $idle } is a duration (5m, 1h 30m). "Lock" is the label of the gallery page's button.
serve-serving = एक निजी गैलरी सिर्फ़ 127.0.0.1 पर चल रही है: ऊपर दिया लिंक इसी डिवाइस के ब्राउज़र में खोलें (यह एक ही बार काम करता है)। यह लॉक हो जाती है: इसके लॉक बटन से, { $idle } तक कोई अनुरोध न आने पर, या Ctrl-C से।
serve-locked-idle = लॉक हो गई: { $idle } तक कोई अनुरोध नहीं आया; चाबियाँ भुला दी गई हैं
serve-locked-button = लॉक हो गई: लॉक बटन दबाया गया; चाबियाँ भुला दी गई हैं
# { $signal } is the signal's name (SIGINT, SIGTERM, SIGHUP).
serve-locked-signal = लॉक हो गई: { $signal } मिला; चाबियाँ भुला दी गई हैं
serve-locked-link-reused = लॉक हो गई: एक ही बार चलने वाला लिंक दूसरी बार इस्तेमाल हुआ, तो हो सकता है वह किसी और के पास भी हो; clipvault serve फिर से चलाएँ; चाबियाँ भुला दी गई हैं
serve-cannot-listen = 127.0.0.1:{ $port } पर सुनना (listen) शुरू नहीं हो सका: { $reason }
serve-cannot-start = सर्वर शुरू नहीं हो सका: { $reason }
serve-cannot-hand-link = लिंक ब्राउज़र तक नहीं पहुँचाया जा सका: ऊपर दिया लिंक ख़ुद खोलें
# { $opener } is the program that was asked to open the browser (xdg-open, termux-open-url).
serve-opener-failed = { $opener } ब्राउज़र नहीं खोल सका: ऊपर दिया लिंक ख़ुद खोलें
serve-no-opener = न termux-open-url इंस्टॉल है, न xdg-open: ऊपर दिया लिंक ख़ुद खोलें

## src/cli/agent/mod.rs

session-cannot-create = बनाया नहीं जा सका
session-cannot-use = इस्तेमाल नहीं हो सका
session-folder-not-private = { $path } आपका अपना ऐसा फ़ोल्डर होना चाहिए जिसमें कोई और न जा सके (mode 0700); अनलॉक सेशन बंद हैं
session-cannot-open-vault = वॉल्ट नहीं खुल सका
session-already-unlocked = पहले से अनलॉक है: { $minutes } मिनट बाकी (`clipvault lock` इसे ख़त्म करता है)
session-cannot-find-self = clipvault ख़ुद नहीं मिल सका: { $reason }
session-cannot-start-agent = एजेंट शुरू नहीं हो सका: { $reason }
session-agent-did-not-start = अनलॉक एजेंट शुरू नहीं हुआ
session-unlocked = { $minutes } मिनट के लिए अनलॉक (इस्तेमाल होते रहने पर ज़्यादा देर): तब तक { $path } पर कमांड कुछ नहीं पूछेंगी; `clipvault lock` इसे अभी ख़त्म करता है
# { $asked } is the duration asked for (1day 6h); { $longest } is in hours.
session-unlocked-capped = { $minutes } मिनट के लिए अनलॉक ({ $asked } माँगा गया था; एक सेशन ज़्यादा से ज़्यादा { $longest } घंटे चल सकता है) (इस्तेमाल होते रहने पर ज़्यादा देर): तब तक { $path } पर कमांड कुछ नहीं पूछेंगी; `clipvault lock` इसे अभी ख़त्म करता है

## src/cli/agent/daemon.rs

session-bad-key = सेशन की चाबी ग़लत है
session-cannot-listen = सुनना (listen) शुरू नहीं हो सका
session-cannot-secure = सुरक्षित नहीं किया जा सका
page-error-locked = वॉल्ट लॉक है
page-error-evidence = यह आइटम सबूत है: गैलरी इसे नहीं मिटाती; clipvault shred --force इस्तेमाल करें
page-error-duplicate = पहले से वॉल्ट में है
page-error-full = फ़ोन की स्टोरेज भर गई है

## src/cli/inspect.rs

about-inspect = देखें कि कोई फ़ोटो या वीडियो क्या-क्या बता देता है: वह कहाँ, कब और किस चीज़ से बना (जगह, कैमरा, सीरियल नंबर, समय)
inspect-nothing = { $name } के मेटाडेटा (फ़ाइल के अंदर छिपी जानकारी) में न जगह है, न कैमरा, न सीरियल नंबर, न समय, न सॉफ़्टवेयर (फिर भी तस्वीर में ख़ुद चेहरे, जगहें और चीज़ें दिख सकती हैं)
inspect-reveals = { $name } से ये बातें पता चलती हैं:
inspect-location = कहाँ लिया गया: { $position } (अक्षांश, देशांतर: नक़्शे पर इससे जगह दिख जाती है)
inspect-camera = कैमरा या फ़ोन: { $camera }
inspect-serial = एक सीरियल नंबर ({ $kind }): { $serial }
inspect-taken = कब लिया गया: { $time }
inspect-software = जिस सॉफ़्टवेयर से यह बना या एडिट हुआ: { $software }
inspect-owner = किसी मालिक का नाम: { $owner }
inspect-preview = फ़ाइल के अंदर रखी एक प्रीव्यू तस्वीर ({ $size }): इसमें वह हिस्सा भी दिख सकता है जो एडिट करते समय काटकर हटाया गया था
inspect-xmp = XMP मेटाडेटा (एडिट का इतिहास, और अक्सर ऊपर वाली जानकारी में से और भी)
inspect-kept = वॉल्ट में रखा आइटम बिल्कुल वैसा ही रहता है जैसा है: सबूत के लिए उसका एक-एक बाइट मूल रूप में चाहिए। आप यह फ़ाइल जिसे भी भेजेंगे, वह यह सब पढ़ सकता है।

## export --strip-metadata

export-strip-and-age = --strip-metadata सामान्य फ़ाइलें लिखता है: age फ़ाइल में तो रखी गई सामग्री जैसी है, वैसी ही जाती है
export-cannot-strip-type = { $name } एक्सपोर्ट नहीं किया गया: clipvault { $media } का मेटाडेटा नहीं हटा सकता (यह JPEG, PNG, WebP, HEIC, AVIF, MP4 और MOV से हटाता है); अगर इसे जैसा है वैसा ही भेजने में कोई हर्ज नहीं, तो इसे --strip-metadata के बिना एक्सपोर्ट करें
export-too-large-to-strip = { $name } एक्सपोर्ट नहीं किया गया: तस्वीर इतनी बड़ी है कि मेमोरी में उसका मेटाडेटा नहीं हटाया जा सकता
add-carries-location = ध्यान दें: { $name } में दर्ज है कि यह कहाँ लिया गया था (GPS); वॉल्ट फ़ाइल को बिल्कुल वैसा ही रखता है जैसी वह है। किसी को भी इसकी कॉपी भेजने से पहले: clipvault export --strip-metadata
add-thumbnails-later = थंबनेल पीछे चुपचाप बन रहे हैं; जब तक किसी आइटम का थंबनेल रखा नहीं जाता, गैलरी उसे दिखाते समय ख़ुद बना लेती है
add-thumbnails-later-failed = थंबनेल पीछे बनाना शुरू नहीं हो सका ({ $reason }); उन्हें अभी बनाने के लिए चलाएँ: clipvault thumbnails --all

## evidence checkpoint

about-evidence-checkpoint = चेकपॉइंट लिखें: कस्टडी लॉग अभी जैसा है, उसका साइन किया हुआ ब्योरा, किसी भरोसेमंद व्यक्ति को भेजने के लिए
evidence-checkpoint-written = { $file } और { $sig } लिख दिए: दोनों को अभी किसी भरोसेमंद व्यक्ति को भेज दें (ईमेल से किसी वकील को, किसी हेल्पलाइन को, या ख़ुद को)। बाद में आप जो भी बंडल एक्सपोर्ट करेंगे, उसे इस कमांड से इन दोनों के साथ मिलाकर जाँचा जा सकता है: clipvault evidence check BUNDLE --checkpoint FILE; अगर आज तक का इतिहास बाद में बदला गया, तो वह इस जाँच में पास नहीं होगा
evidence-cannot-read = पढ़ा नहीं जा सका
evidence-checkpoint-failed = बंडल चेकपॉइंट { $file } से मेल नहीं खाता: { $reason }
evidence-checkpoint-holds = और बंडल चेकपॉइंट { $file } से भी मेल खाता है: इसका कस्टडी लॉग उन्हीं { $entries } एंट्री से शुरू होता है जो { $made } को उसमें थीं, बिना किसी बदलाव के
bundle-readme-checkpoint =
    अगर यह बंडल बनने से पहले आपको कस्टडी लॉग का कोई चेकपॉइंट (clipvault-checkpoint-DATE.txt और उसकी .sig फ़ाइल)
    दिया गया था, तो उसे भी इसी allowed_signers से जाँचें:

        ssh-keygen -Y verify -f allowed_signers -I { $principal } -n { $namespace } -s CHECKPOINT.txt.sig < CHECKPOINT.txt
        grep HEAD custody-log.jsonl

    यहाँ HEAD चेकपॉइंट की "head:" लाइन में लिखी वैल्यू है: जिस एंट्री का "seq" चेकपॉइंट के "entries:" से एक कम है,
    उसका "hash" यही होना चाहिए। अगर चेकपॉइंट भेजे जाने के बाद इतिहास बदला गया हो, तो ऐसा नहीं होगा।
    `clipvault evidence check . --checkpoint CHECKPOINT.txt` हर हैश को फिर से निकालकर भी जाँचता है।

## src/main.rs: usage errors clap finds (said in English by clap itself when English is chosen)

clap-unknown-command = '{ $name }' नाम की कोई कमांड नहीं है
clap-unknown-argument = विकल्प '{ $argument }' यहाँ नहीं दिया जा सकता
clap-missing = ये ज़रूरी विकल्प नहीं दिए गए: { $arguments }
clap-invalid-value = '{ $argument }' के लिए '{ $value }' सही वैल्यू नहीं है
clap-conflict = विकल्प '{ $argument }' को '{ $other }' के साथ इस्तेमाल नहीं किया जा सकता
clap-did-you-mean = { $error }; सुझाव: क्या आपका मतलब '{ $suggestion }' था?

## leftovers
leftovers-no-places = इस डिवाइस पर ढूँढने के लिए कोई जानी-पहचानी जगह नहीं है; कोई फ़ोल्डर ख़ुद बताएँ: clipvault leftovers FOLDER
leftovers-searching = { $places ->
        [one] { $places } जगह
       *[other] { $places } जगहों
    } में वॉल्ट के { $items ->
        [one] { $items } आइटम
       *[other] { $items } आइटमों
    } की कॉपियाँ ढूँढ रहे हैं…
leftovers-progress = देखी गई फ़ाइलें
leftovers-exact = हूबहू कॉपी
leftovers-near = मिलती-जुलती तस्वीर ({ $bits } बिट का अंतर)
leftovers-copy-of = { $name } की { $how }
leftovers-unreadable = { $count ->
        [one] { $count } फ़ाइल या फ़ोल्डर पढ़ा नहीं जा सका
       *[other] { $count } फ़ाइलें या फ़ोल्डर पढ़े नहीं जा सके
    } (पहला: { $path }: { $reason })
leftovers-none = जाँची गई { $files ->
        [one] { $files } फ़ाइल
       *[other] { $files } फ़ाइलों
    } में कोई कॉपी नहीं मिली।
leftovers-found = जाँची गई { $files ->
        [one] { $files } फ़ाइल
       *[other] { $files } फ़ाइलों
    } में { $count ->
        [one] { $count } कॉपी मिली
       *[other] { $count } कॉपियाँ मिलीं
    }; अभी कुछ भी नहीं बदला गया। `clipvault leftovers --remove` { $count ->
        [one] इसे
       *[other] इन्हें
    } हमेशा के लिए मिटा देता है (वॉल्ट में रखी आपकी कॉपी जस की तस रहती है)। क्लाउड बैकअप, दूसरों के फ़ोन और गैलरी ऐप का अपना डेटाबेस clipvault की पहुँच से बाहर हैं: उन्हें ख़ुद जाँच लें।
leftovers-remove-question = { $count ->
        [one] यह कॉपी
       *[other] ये { $count } कॉपियाँ
    } हमेशा के लिए मिटा दें? वॉल्ट में रखी आपकी कॉपी जस की तस रहेगी।
leftovers-not-removed = { $path } मिटाया नहीं जा सका: { $reason }
leftovers-removed = { $count ->
        [0] कोई भी कॉपी नहीं मिटी।
        [one] एक कॉपी मिटा दी गई।
       *[other] { $count } कॉपियाँ मिटा दी गईं।
    }
leftovers-some-remain = { $count ->
        [one] { $count } कॉपी नहीं मिटाई जा सकी
       *[other] { $count } कॉपियाँ नहीं मिटाई जा सकीं
    } (ऊपर देखें)
leftovers-nothing-wiped = कुछ भी नहीं मिटाया गया

## src/vault/bundle.rs: threats.txt, and README.txt's paragraphs on threats and hashes.csv

bundle-threat-heading = धमकी { $number }
bundle-threat-received = कब मिली
bundle-threat-platform = प्लैटफ़ॉर्म
bundle-threat-from = किसने भेजी
bundle-threat-said = क्या कहा गया
bundle-threat-demand = क्या माँगा गया
bundle-threat-posted-at = कहाँ पोस्ट किया गया
bundle-threat-note = नोट
bundle-threat-kept = साथ में रखा गया
bundle-actions-heading = उठाए गए क़दम
bundle-readme-threats =
    threats.txt        हर धमकी, जैसी मिली थी (मालिक की घड़ी का समय और UTC समय; प्लैटफ़ॉर्म; भेजने वाला;
                       क्या कहा और क्या माँगा गया; सामग्री कहाँ पोस्ट की गई), और उठाया गया हर क़दम
                       (शिकायतें, केस और टिकट नंबर), कस्टडी लॉग से।
    threats.json       यही सब, JSON में।
bundle-readme-hashes =
    hashes.csv         हर आइटम की एक लाइन: उसका SHA-256, MD5 और (तस्वीरों के लिए) PDQ हैश, साथ में उसका
                       साइज़ और फ़ाइल: वे हैश वैल्यू जो सबूत के सर्टिफ़िकेट में माँगी जाती हैं (जैसे
                       भारतीय साक्ष्य अधिनियम, 2023 की धारा 63 के तहत दिए जाने वाले सर्टिफ़िकेट का भाग A)।

## src/cli/evidence.rs: threats and actions

evidence-threat-recorded = धमकी नंबर { $number } कस्टडी लॉग में दर्ज हो गई{ $kept ->
        [0] {""}
        [one] {""}, साथ में एक फ़ाइल या आइटम
       *[other] {""}, साथ में { $kept } फ़ाइलें या आइटम
    }। यह हर सबूत-बंडल (threats.txt) में शामिल होगी; इसकी शिकायत करने के लिए आपको वह अंतरंग तस्वीर ख़ुद अपने पास रखने की कभी ज़रूरत नहीं है।
evidence-action-recorded = कस्टडी लॉग में दर्ज हो गया: { $category }। यह हर सबूत-बंडल (threats.txt) में शामिल होगा।
evidence-draft-written = ड्राफ़्ट { $path } में लिख दिया: भेजने से पहले हर [ ... ] भरें और पूरा ड्राफ़्ट एक बार ध्यान से पढ़ लें।

## src/cli/backup.rs: backup and restore through restic

backup-no-restic = restic इंस्टॉल नहीं है: Termux पर `pkg install restic` चलाएँ, Debian या Ubuntu पर `sudo apt install restic`
backup-cannot-run = restic नहीं चल सका: { $reason }
backup-which-repository = एक बार बता दें कि बैकअप कहाँ रखना है (फिर यह याद रखा जाएगा): clipvault backup FOLDER (या कोई भी restic रिपॉज़िटरी: sftp:..., s3:..., rclone:...)
backup-creating = { $repo } में अभी कोई बैकअप नहीं है: वहाँ एक नई restic रिपॉज़िटरी बनाई जा रही है।
backup-progress = बैकअप ले रहे हैं
backup-failed = restic फ़ेल हो गया: { $reason }
backup-wrong-keys = { $repo } इस वॉल्ट के पासफ़्रेज़ या चाबी से नहीं खुलती (शायद इसे किसी दूसरे वॉल्ट ने बनाया था, या ऐसे पासफ़्रेज़ से जो तब से बदल चुका है और अभी नहीं दिया गया)
backup-key-added = अब यह रिपॉज़िटरी इस पासफ़्रेज़ से भी खुलती है: बैकअप वापस लाने के लिए इसके सिवा कुछ नहीं चाहिए।
backup-session-only = यह बैकअप अनलॉक सेशन के ज़रिए बना है, इसलिए अभी यह सिर्फ़ इस वॉल्ट के अंदर रखी चाबी से खुलता है: अगर फ़ोन खो जाए, तो इस बैकअप से वॉल्ट वापस नहीं लाया जा सकेगा। एक बार पासफ़्रेज़ के साथ `clipvault backup` चलाएँ (पासफ़्रेज़ टाइप करके या --passphrase-file से), फिर बैकअप वापस लाने के लिए सिर्फ़ पासफ़्रेज़ काफ़ी होगा।
backup-done = { $size } का बैकअप { $repo } में हो गया (स्नैपशॉट { $snapshot }, { $added } नया डेटा)। बैकअप वापस लाने के लिए बस आपका पासफ़्रेज़ और यह रिपॉज़िटरी चाहिए।
restore-exists = { $path } पहले से मौजूद है; बैकअप हमेशा एक नई फ़ाइल में वापस लाया जाता है: कोई दूसरा नाम चुनें
restore-no-snapshot = { $repo } में clipvault का कोई पूरा बैकअप नहीं है (या उस id वाला कोई बैकअप नहीं है)
restore-cannot-write = वापस लाया गया वॉल्ट यहाँ नहीं लिखा जा सका
restore-not-a-vault = यह बैकअप इस पासफ़्रेज़ से एक पूरे, सही-सलामत वॉल्ट के रूप में नहीं खुलता: { $reason }
restore-done = वॉल्ट वापस आ गया: { $path }, { $items ->
        [0] कोई आइटम नहीं
        [one] एक आइटम
       *[other] { $items } आइटम
    }, { $time } UTC के बैकअप { $snapshot } से; पूरा जाँच लिया गया है, सब सही-सलामत है।

## src/cli/devices.rs: several devices, merge

device-cannot-write = नए डिवाइस की फ़ाइल नहीं लिखी जा सकी
device-added = अब { $path } इसी वॉल्ट की एक और फ़ाइल है, दूसरे डिवाइस के लिए: इसमें वही आइटम हैं और यह उन्हीं पासफ़्रेज़ से खुलती है। इसे सिर्फ़ उसी डिवाइस पर इस्तेमाल करें (हर डिवाइस सिर्फ़ अपनी फ़ाइल में लिखता है), और हर डिवाइस पर `clipvault merge` चलाएँ, ताकि बाकी डिवाइस पर किए गए बदलाव उसमें भी आ जाएँ।
merge-nothing = इसी फ़ोल्डर में इस वॉल्ट की कोई दूसरी कॉपी नहीं है, जिसे इसमें मिलाया जाए
merge-cannot-open = { $path } इस चाबी से नहीं खुल सका: { $reason }
merge-skipped = छोड़ा: { $path }: { $reason }
merge-not-a-copy = { $path } इस वॉल्ट की कॉपी नहीं है (वह किसी दूसरी चाबी से खुलता है): कुछ भी नहीं मिलाया गया
merge-done = { $path } को इस वॉल्ट में मिला दिया। नए आइटम: { $added }, बदले गए: { $changed }, मिटाए गए: { $shredded }{ $kept ->
        [0] {""}
        [one] {""}; सबूत के रूप में मार्क { $kept } आइटम यहाँ रखा गया (वहाँ उसे --force के बिना मिटाया गया था)
       *[other] {""}; सबूत के रूप में मार्क { $kept } आइटम यहाँ रखे गए (वहाँ उन्हें --force के बिना मिटाया गया था)
    }
merge-conflict-copies = { $count ->
        [one] किसी सिंक टूल ने इसी फ़ोल्डर में इस वॉल्ट की एक कॉन्फ़्लिक्ट कॉपी छोड़ी है
       *[other] किसी सिंक टूल ने इसी फ़ोल्डर में इस वॉल्ट की { $count } कॉन्फ़्लिक्ट कॉपियाँ छोड़ी हैं
    }: `clipvault merge` { $count ->
        [one] उसे वॉल्ट में मिला देता है, और फिर उसे डिलीट किया जा सकता है।
       *[other] उन्हें वॉल्ट में मिला देता है, और फिर उन्हें डिलीट किया जा सकता है।
    }
