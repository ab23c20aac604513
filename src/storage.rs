//! Where vault bytes live: a small positional-I/O trait, the file backend with its writer
//! lock, and in-memory backends that fail or "crash" on a chosen operation for tests.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Positional I/O on one vault file. All methods take `&self` so readers can share it.
#[allow(clippy::len_without_is_empty)] // a file length, not a collection
pub trait Storage: Send + Sync {
    /// Current length in bytes.
    fn len(&self) -> io::Result<u64>;
    /// Fills `buf` from `offset`; a short file is an `UnexpectedEof` error.
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<()>;
    /// Writes all of `buf` at `offset`, growing the file if needed.
    fn write_at(&self, offset: u64, buf: &[u8]) -> io::Result<()>;
    /// Truncates or extends.
    fn set_len(&self, len: u64) -> io::Result<()>;
    /// Makes everything written so far durable.
    fn sync(&self) -> io::Result<()>;
    /// Whether `path` names this very file now (same device and inode). Storage that is not
    /// a file is never at a path.
    fn is_at(&self, _path: &Path) -> io::Result<bool> {
        Ok(false)
    }
}

/// How long to wait for another writer to finish.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LockWait {
    /// Fail at once with [`LockError::Busy`].
    #[default]
    No,
    /// Retry until this much time has passed.
    For(Duration),
}

/// Why a vault file could not be opened for writing.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds the writer lock.
    Busy,
    /// Opening or locking failed.
    Io(io::Error),
}

/// A vault file on disk.
pub struct FileStorage {
    file: File,
}

impl FileStorage {
    /// Opens an existing file for reading; takes no lock.
    pub fn open_read(path: &Path) -> io::Result<Self> {
        let file = File::open(path)?;
        if file.metadata()?.is_dir() {
            return Err(io::Error::new(io::ErrorKind::IsADirectory, "is a directory"));
        }
        Ok(FileStorage { file })
    }

    /// Opens an existing file for writing and takes the exclusive writer lock, checking
    /// afterwards that the path still names the locked file (compaction renames over it).
    pub fn open_write(path: &Path, wait: LockWait) -> Result<Self, LockError> {
        let started = Instant::now();
        loop {
            let file = OpenOptions::new().read(true).write(true).open(path).map_err(LockError::Io)?;
            if file.metadata().map_err(LockError::Io)?.is_dir() {
                return Err(LockError::Io(io::Error::new(io::ErrorKind::IsADirectory, "is a directory")));
            }
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => match wait {
                    LockWait::For(limit) if started.elapsed() < limit => {
                        std::thread::sleep(Duration::from_millis(50));
                        continue;
                    }
                    _ => return Err(LockError::Busy),
                },
                Err(std::fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
            }
            if same_file(&file, path).map_err(LockError::Io)? {
                return Ok(FileStorage { file });
            }
        }
    }

    /// Which file this is, whatever its name now (see [`file_id`]).
    pub fn id(&self) -> io::Result<(u64, u64)> {
        Ok(file_id(&self.file.metadata()?))
    }

    /// Wraps an already created and locked file (a [`StagedFile`] being filled, say).
    pub fn from_locked(file: File) -> Self {
        FileStorage { file }
    }
}

fn same_file(file: &File, path: &Path) -> io::Result<bool> {
    Ok(file_id(&file.metadata()?) == file_id(&std::fs::metadata(path)?))
}

/// A file's device and inode numbers: which file it is, whatever its name. Two metadata
/// with the same id are the same file.
#[cfg(unix)]
pub fn file_id(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
pub fn file_id(_meta: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// Opens `path` with `options`, but never through a final symbolic link (`ELOOP` if it is
/// one) and without waiting on a FIFO (`O_NONBLOCK`, which changes nothing for a regular
/// file), so what is checked afterwards is what was opened.
pub fn open_no_follow(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    options.open(path)
}

#[cfg(unix)]
impl Storage for FileStorage {
    fn len(&self) -> io::Result<u64> {
        Ok(self.file.metadata()?.len())
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(&self.file, buf, offset)
    }
    fn write_at(&self, offset: u64, buf: &[u8]) -> io::Result<()> {
        std::os::unix::fs::FileExt::write_all_at(&self.file, buf, offset)
    }
    fn set_len(&self, len: u64) -> io::Result<()> {
        self.file.set_len(len)
    }
    fn sync(&self) -> io::Result<()> {
        self.file.sync_all()
    }
    fn is_at(&self, path: &Path) -> io::Result<bool> {
        same_file(&self.file, path)
    }
}

/// Creates `dir` and any missing parents, each only this user can enter (0700): an export,
/// a bundle or the vault's own folder, where what lands is private.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

/// Syncs the directory holding `path`, so a new or renamed entry survives a power cut.
pub fn sync_parent_dir(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(parent_dir(path))?.sync_all()?;
    Ok(())
}

/// The folder holding `path` (`.` for a bare file name), where its siblings are created.
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// What a [`MemStorage`] does at its chosen operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The process dies: a write there is torn (first half applied) and every later
    /// operation fails.
    Crash,
    /// That one operation fails with this error kind (e.g. `StorageFull` for a full disk)
    /// and writes nothing; later operations work.
    Fail(io::ErrorKind),
}

#[derive(Default)]
struct MemState {
    /// Bytes handed out by `read_at` so far.
    bytes_read: u64,
    current: Vec<u8>,
    durable: Vec<u8>,
    ops: u64,
    fault_at: Option<(u64, Fault)>,
    crashed: bool,
}

/// An in-memory vault file that counts writes, truncations and syncs and can fail or
/// crash at the N-th of them, for crash and fault tests. Clones share the same bytes.
#[derive(Clone, Default)]
pub struct MemStorage(Arc<Mutex<MemState>>);

impl MemStorage {
    /// An empty file.
    pub fn new() -> Self {
        Self::default()
    }

    /// A file holding `bytes`, all durable.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        let s = Self::default();
        {
            let mut st = s.0.lock().expect("not poisoned");
            st.durable = bytes.clone();
            st.current = bytes;
        }
        s
    }

    /// Injects `fault` at the `n`-th mutating operation from now (0 = the next one).
    pub fn fault_at(&self, n: u64, fault: Fault) {
        let mut st = self.0.lock().expect("not poisoned");
        let at = st.ops + n;
        st.fault_at = Some((at, fault));
    }

    /// Bytes read through `read_at` so far.
    pub fn bytes_read(&self) -> u64 {
        self.0.lock().expect("not poisoned").bytes_read
    }

    /// Mutating operations (writes, truncations, syncs) so far.
    pub fn ops(&self) -> u64 {
        self.0.lock().expect("not poisoned").ops
    }

    /// Everything written, synced or not (a crash after the writes reached the disk).
    pub fn current(&self) -> Vec<u8> {
        self.0.lock().expect("not poisoned").current.clone()
    }

    /// Only what was synced (a crash that lost every unsynced write).
    pub fn durable(&self) -> Vec<u8> {
        self.0.lock().expect("not poisoned").durable.clone()
    }

    fn mutate(&self, apply: impl FnOnce(&mut Vec<u8>, bool)) -> io::Result<()> {
        let mut st = self.0.lock().expect("not poisoned");
        if st.crashed {
            return Err(io::Error::other("storage crashed"));
        }
        let op = st.ops;
        st.ops += 1;
        match st.fault_at {
            Some((at, Fault::Crash)) if at == op => {
                apply(&mut st.current, true);
                st.crashed = true;
                Err(io::Error::other("injected crash"))
            }
            Some((at, Fault::Fail(kind))) if at == op => Err(io::Error::new(kind, "injected fault")),
            _ => {
                apply(&mut st.current, false);
                Ok(())
            }
        }
    }
}

impl Storage for MemStorage {
    fn len(&self) -> io::Result<u64> {
        Ok(self.0.lock().expect("not poisoned").current.len() as u64)
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        let mut st = self.0.lock().expect("not poisoned");
        st.bytes_read += buf.len() as u64;
        let start = usize::try_from(offset).map_err(|_| io::ErrorKind::UnexpectedEof)?;
        let src = start
            .checked_add(buf.len())
            .and_then(|end| st.current.get(start..end))
            .ok_or(io::ErrorKind::UnexpectedEof)?;
        buf.copy_from_slice(src);
        Ok(())
    }
    fn write_at(&self, offset: u64, buf: &[u8]) -> io::Result<()> {
        self.mutate(|data, torn| {
            let len = if torn { buf.len() / 2 } else { buf.len() };
            let start = offset as usize;
            if data.len() < start + len {
                data.resize(start + len, 0);
            }
            data[start..start + len].copy_from_slice(&buf[..len]);
        })
    }
    fn set_len(&self, len: u64) -> io::Result<()> {
        self.mutate(|data, torn| {
            if !torn {
                data.resize(len as usize, 0);
            }
        })
    }
    fn sync(&self) -> io::Result<()> {
        self.mutate(|_, _| {})?;
        let mut st = self.0.lock().expect("not poisoned");
        st.durable = st.current.clone();
        Ok(())
    }
}

/// A new file in a folder that gets its name only once it is complete ([`StagedFile::link`]):
/// where the file system has `O_TMPFILE` (Linux, Android), it has no name at all until then,
/// so a process killed while writing it (`kill -9`, a dead battery) leaves nothing behind.
/// Elsewhere it is a hidden file named `PREFIX` + random, removed when dropped; the next
/// writer sweeps such leftovers ([`sweep_staged`]). Either way the file holds an exclusive
/// lock from its creation, so a sweep never touches one that is still being written.
pub struct StagedFile {
    file: File,
    dir: PathBuf,
    prefix: String,
    /// The fallback's name, while it has one.
    named: Option<tempfile::TempPath>,
}

impl StagedFile {
    /// A new, empty, locked file in `dir`, readable by its owner only.
    pub fn new_in(dir: &Path, prefix: &str) -> io::Result<StagedFile> {
        let dir = dir.to_path_buf();
        if let Some(file) = unnamed_file(&dir)? {
            file.try_lock().map_err(|_| io::Error::from(io::ErrorKind::WouldBlock))?;
            return Ok(StagedFile { file, dir, prefix: prefix.to_string(), named: None });
        }
        let temp = tempfile::Builder::new().prefix(prefix).tempfile_in(&dir)?;
        let (file, path) = temp.into_parts();
        file.try_lock().map_err(|_| io::Error::from(io::ErrorKind::WouldBlock))?;
        Ok(StagedFile { file, dir, prefix: prefix.to_string(), named: Some(path) })
    }

    /// The open file.
    pub fn file(&self) -> &File {
        &self.file
    }

    /// The open file, to write through `io::Write`.
    pub fn file_mut(&mut self) -> &mut File {
        &mut self.file
    }

    /// Gives the file the name `target` (in the folder it was made in) and returns it, still
    /// locked. With `replace`, an existing `target` is replaced atomically (by a rename from a
    /// hidden name the file holds only for that moment); without, an existing `target` is
    /// an `AlreadyExists` error and nothing is linked. The caller syncs the folder.
    pub fn link(self, target: &Path, replace: bool) -> io::Result<File> {
        let StagedFile { file, dir, prefix, named } = self;
        match named {
            Some(path) => {
                let temp = tempfile::NamedTempFile::from_parts(file, path);
                let persisted = if replace { temp.persist(target) } else { temp.persist_noclobber(target) };
                persisted.map_err(|e| e.error)
            }
            None if !replace => {
                link_unnamed(&file, target)?;
                Ok(file)
            }
            None => {
                // linkat cannot replace: link under a fresh hidden name, then rename over.
                loop {
                    let hidden = dir.join(format!("{prefix}{:016x}", rand::random::<u64>()));
                    match link_unnamed(&file, &hidden) {
                        Ok(()) => {}
                        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                        Err(e) => return Err(e),
                    }
                    if let Err(e) = std::fs::rename(&hidden, target) {
                        let _ = std::fs::remove_file(&hidden);
                        return Err(e);
                    }
                    return Ok(file);
                }
            }
        }
    }
}

/// `O_TMPFILE` in `dir`, or `None` where the file system or kernel lacks it.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn unnamed_file(dir: &Path) -> io::Result<Option<File>> {
    use std::os::unix::fs::OpenOptionsExt;
    match OpenOptions::new().read(true).write(true).mode(0o600).custom_flags(libc::O_TMPFILE).open(dir) {
        Ok(file) => Ok(Some(file)),
        // Kernels and file systems without it say so in one of these ways.
        Err(e) if matches!(e.raw_os_error(), Some(libc::EOPNOTSUPP | libc::EISDIR | libc::EINVAL | libc::ENOENT)) => {
            if dir.is_dir() {
                Ok(None)
            } else {
                Err(e)
            }
        }
        Err(e) => Err(e),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn unnamed_file(_dir: &Path) -> io::Result<Option<File>> {
    Ok(None)
}

/// Links an `O_TMPFILE` file at `target` (through /proc, which needs no privilege, unlike
/// `AT_EMPTY_PATH`); fails with `AlreadyExists` if `target` exists.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn link_unnamed(file: &File, target: &Path) -> io::Result<()> {
    use nix::fcntl::{AT_FDCWD, AtFlags};
    use std::os::fd::AsRawFd;
    let source = format!("/proc/self/fd/{}", file.as_raw_fd());
    nix::unistd::linkat(AT_FDCWD, source.as_str(), AT_FDCWD, target, AtFlags::AT_SYMLINK_FOLLOW)?;
    Ok(())
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn link_unnamed(_file: &File, _target: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// The files in `dir` named with one of `prefixes` that no process holds locked (left by a
/// killed writer of a [`StagedFile`] that had to be named): each is opened without following
/// links and passed to `dispose` while locked, then removed. Returns the paths removed.
pub fn sweep_staged(dir: &Path, prefixes: &[&str], mut dispose: impl FnMut(&File) -> io::Result<()>) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return removed };
    for entry in entries.flatten() {
        if !entry.file_name().to_str().is_some_and(|n| prefixes.iter().any(|p| n.starts_with(p))) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = open_no_follow(&path, OpenOptions::new().read(true).write(true)) else { continue };
        if !file.metadata().is_ok_and(|m| m.is_file()) || file.try_lock().is_err() {
            continue;
        }
        if dispose(&file).is_ok() && std::fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}
