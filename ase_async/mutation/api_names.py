"""Names that belong to languages, runtimes and frameworks, never to a project.

A project function or method whose name is also an API member name is not renamed:
renaming ``obj.get(...)`` everywhere would also rename calls that reach a dictionary, a
request or a connection. The lists were taken from the runtimes here (Python 3.11
``dir()`` of the builtins and the standard modules the seeds use, Node 22 prototypes and
core modules, PHP's PDO/mysqli classes) and completed by hand for Go and Java, then
frozen in this file so that the output never depends on the installed versions.
"""

from __future__ import annotations

__all__ = ["API_NAMES", "BUILTIN_NAMES", "COMMON_API"]

#: Python builtins, methods of builtin types, and the stdlib modules the seeds use.
_PYTHON = frozenset("""
    A ASCII ArithmeticError AssertionError AttributeError BASIC_FORMAT BZIP2_VERSION
    BadZipFile BadZipfile BaseException BaseExceptionGroup Binary Blob BlockingIOError
    BrokenPipeError BufferError BufferedIOBase BufferedRWPair BufferedRandom BufferedReader
    BufferedWriter BufferingFormatter BytesIO BytesWarning CLD_CONTINUED CLD_DUMPED
    CLD_EXITED CLD_KILLED CLD_STOPPED CLD_TRAPPED CLOCK_BOOTTIME CLOCK_MONOTONIC
    CLOCK_MONOTONIC_RAW CLOCK_PROCESS_CPUTIME_ID CLOCK_REALTIME CLOCK_TAI
    CLOCK_THREAD_CPUTIME_ID COPY_BUFSIZE CRITICAL CalledProcessError ChainMap
    ChildProcessError CompleteDirs CompletedProcess Connection ConnectionAbortedError
    ConnectionError ConnectionRefusedError ConnectionResetError Counter Cursor DEBUG
    DEFAULT_BUFFER_SIZE DEFAULT_ENTROPY DEFAULT_VERSION DEVNULL DOTALL DataError
    DatabaseError Date DateFromTicks DefragResult DefragResultBytes DeprecationWarning
    Dialect DictReader DictWriter DirEntry EFD_CLOEXEC EFD_NONBLOCK EFD_SEMAPHORE EOFError
    ERROR EX_CANTCREAT EX_CONFIG EX_DATAERR EX_IOERR EX_NOHOST EX_NOINPUT EX_NOPERM
    EX_NOUSER EX_OK EX_OSERR EX_OSFILE EX_PROTOCOL EX_SOFTWARE EX_TEMPFAIL EX_UNAVAILABLE
    EX_USAGE Ellipsis EncodingWarning Enum EnvironmentError Error Exception ExceptionGroup
    ExecError FATAL F_LOCK F_OK F_TEST F_TLOCK F_ULOCK False FastLookup FileExistsError
    FileHandler FileIO FileNotFoundError Filter Filterer FloatingPointError Formatter
    FutureWarning GRND_NONBLOCK GRND_RANDOM GeneratorExit GenericAlias Handler I IGNORECASE
    INFO IOBase IOError ImportError ImportWarning IncrementalNewlineDecoder IndentationError
    IndexError IntegrityError InterfaceError InternalError InterruptedError
    IsADirectoryError JSONDecodeError JSONDecoder JSONEncoder KeyError KeyboardInterrupt L
    LOCALE LZMACompressor LZMADecompressor LZMA_VERSION LargeZipFile LogRecord Logger
    LoggerAdapter LookupError M MAX_EXTRACT_VERSION MFD_ALLOW_SEALING MFD_CLOEXEC
    MFD_HUGETLB MFD_HUGE_16GB MFD_HUGE_16MB MFD_HUGE_1GB MFD_HUGE_1MB MFD_HUGE_256MB
    MFD_HUGE_2GB MFD_HUGE_2MB MFD_HUGE_32MB MFD_HUGE_512KB MFD_HUGE_512MB MFD_HUGE_64KB
    MFD_HUGE_8MB MFD_HUGE_MASK MFD_HUGE_SHIFT MULTILINE Manager Mapping Match MemoryError
    ModuleNotFoundError MutableMapping NAMESPACE_DNS NAMESPACE_OID NAMESPACE_URL
    NAMESPACE_X500 NGROUPS_MAX NOFLAG NOTSET NameError NamedTemporaryFile None
    NotADirectoryError NotImplemented NotImplementedError NotSupportedError NullHandler
    OSError O_ACCMODE O_APPEND O_ASYNC O_CLOEXEC O_CREAT O_DIRECT O_DIRECTORY O_DSYNC O_EXCL
    O_FSYNC O_LARGEFILE O_NDELAY O_NOATIME O_NOCTTY O_NOFOLLOW O_NONBLOCK O_PATH O_RDONLY
    O_RDWR O_RSYNC O_SYNC O_TMPFILE O_TRUNC O_WRONLY OperationalError OrderedDict
    OverflowError PARSE_COLNAMES PARSE_DECLTYPES PIPE POSIX_FADV_DONTNEED POSIX_FADV_NOREUSE
    POSIX_FADV_NORMAL POSIX_FADV_RANDOM POSIX_FADV_SEQUENTIAL POSIX_FADV_WILLNEED
    POSIX_SPAWN_CLOSE POSIX_SPAWN_DUP2 POSIX_SPAWN_OPEN PRIO_PGRP PRIO_PROCESS PRIO_USER
    P_ALL P_NOWAIT P_NOWAITO P_PGID P_PID P_PIDFD P_WAIT ParseResult ParseResultBytes Path
    PathLike Pattern PendingDeprecationWarning PercentStyle PermissionError PlaceHolder
    Popen PrepareProtocol ProcessLookupError ProgrammingError PyZipFile QUOTE_ALL
    QUOTE_MINIMAL QUOTE_NONE QUOTE_NONNUMERIC RESERVED_FUTURE RESERVED_MICROSOFT
    RESERVED_NCS RFC_4122 RLock RTLD_DEEPBIND RTLD_GLOBAL RTLD_LAZY RTLD_LOCAL RTLD_NODELETE
    RTLD_NOLOAD RTLD_NOW RWF_APPEND RWF_DSYNC RWF_HIPRI RWF_NOWAIT RWF_SYNC R_OK RawIOBase
    ReadError RecursionError ReferenceError RegexFlag RegistryError ResourceWarning
    ResultBase RootLogger Row RuntimeError RuntimeWarning S SCHED_BATCH SCHED_FIFO
    SCHED_IDLE SCHED_OTHER SCHED_RESET_ON_FORK SCHED_RR SEEK_CUR SEEK_DATA SEEK_END
    SEEK_HOLE SEEK_SET SPLICE_F_MORE SPLICE_F_MOVE SPLICE_F_NONBLOCK SQLITE_ABORT
    SQLITE_ABORT_ROLLBACK SQLITE_ALTER_TABLE SQLITE_ANALYZE SQLITE_ATTACH SQLITE_AUTH
    SQLITE_AUTH_USER SQLITE_BUSY SQLITE_BUSY_RECOVERY SQLITE_BUSY_SNAPSHOT
    SQLITE_BUSY_TIMEOUT SQLITE_CANTOPEN SQLITE_CANTOPEN_CONVPATH SQLITE_CANTOPEN_DIRTYWAL
    SQLITE_CANTOPEN_FULLPATH SQLITE_CANTOPEN_ISDIR SQLITE_CANTOPEN_NOTEMPDIR
    SQLITE_CANTOPEN_SYMLINK SQLITE_CONSTRAINT SQLITE_CONSTRAINT_CHECK
    SQLITE_CONSTRAINT_COMMITHOOK SQLITE_CONSTRAINT_FOREIGNKEY SQLITE_CONSTRAINT_FUNCTION
    SQLITE_CONSTRAINT_NOTNULL SQLITE_CONSTRAINT_PINNED SQLITE_CONSTRAINT_PRIMARYKEY
    SQLITE_CONSTRAINT_ROWID SQLITE_CONSTRAINT_TRIGGER SQLITE_CONSTRAINT_UNIQUE
    SQLITE_CONSTRAINT_VTAB SQLITE_CORRUPT SQLITE_CORRUPT_INDEX SQLITE_CORRUPT_SEQUENCE
    SQLITE_CORRUPT_VTAB SQLITE_CREATE_INDEX SQLITE_CREATE_TABLE SQLITE_CREATE_TEMP_INDEX
    SQLITE_CREATE_TEMP_TABLE SQLITE_CREATE_TEMP_TRIGGER SQLITE_CREATE_TEMP_VIEW
    SQLITE_CREATE_TRIGGER SQLITE_CREATE_VIEW SQLITE_CREATE_VTABLE SQLITE_DELETE SQLITE_DENY
    SQLITE_DETACH SQLITE_DONE SQLITE_DROP_INDEX SQLITE_DROP_TABLE SQLITE_DROP_TEMP_INDEX
    SQLITE_DROP_TEMP_TABLE SQLITE_DROP_TEMP_TRIGGER SQLITE_DROP_TEMP_VIEW
    SQLITE_DROP_TRIGGER SQLITE_DROP_VIEW SQLITE_DROP_VTABLE SQLITE_EMPTY SQLITE_ERROR
    SQLITE_ERROR_MISSING_COLLSEQ SQLITE_ERROR_RETRY SQLITE_ERROR_SNAPSHOT SQLITE_FORMAT
    SQLITE_FULL SQLITE_FUNCTION SQLITE_IGNORE SQLITE_INSERT SQLITE_INTERNAL SQLITE_INTERRUPT
    SQLITE_IOERR SQLITE_IOERR_ACCESS SQLITE_IOERR_AUTH SQLITE_IOERR_BEGIN_ATOMIC
    SQLITE_IOERR_BLOCKED SQLITE_IOERR_CHECKRESERVEDLOCK SQLITE_IOERR_CLOSE
    SQLITE_IOERR_COMMIT_ATOMIC SQLITE_IOERR_CONVPATH SQLITE_IOERR_CORRUPTFS
    SQLITE_IOERR_DATA SQLITE_IOERR_DELETE SQLITE_IOERR_DELETE_NOENT SQLITE_IOERR_DIR_CLOSE
    SQLITE_IOERR_DIR_FSYNC SQLITE_IOERR_FSTAT SQLITE_IOERR_FSYNC SQLITE_IOERR_GETTEMPPATH
    SQLITE_IOERR_LOCK SQLITE_IOERR_MMAP SQLITE_IOERR_NOMEM SQLITE_IOERR_RDLOCK
    SQLITE_IOERR_READ SQLITE_IOERR_ROLLBACK_ATOMIC SQLITE_IOERR_SEEK SQLITE_IOERR_SHMLOCK
    SQLITE_IOERR_SHMMAP SQLITE_IOERR_SHMOPEN SQLITE_IOERR_SHMSIZE SQLITE_IOERR_SHORT_READ
    SQLITE_IOERR_TRUNCATE SQLITE_IOERR_UNLOCK SQLITE_IOERR_VNODE SQLITE_IOERR_WRITE
    SQLITE_LIMIT_ATTACHED SQLITE_LIMIT_COLUMN SQLITE_LIMIT_COMPOUND_SELECT
    SQLITE_LIMIT_EXPR_DEPTH SQLITE_LIMIT_FUNCTION_ARG SQLITE_LIMIT_LENGTH
    SQLITE_LIMIT_LIKE_PATTERN_LENGTH SQLITE_LIMIT_SQL_LENGTH SQLITE_LIMIT_TRIGGER_DEPTH
    SQLITE_LIMIT_VARIABLE_NUMBER SQLITE_LIMIT_VDBE_OP SQLITE_LIMIT_WORKER_THREADS
    SQLITE_LOCKED SQLITE_LOCKED_SHAREDCACHE SQLITE_LOCKED_VTAB SQLITE_MISMATCH SQLITE_MISUSE
    SQLITE_NOLFS SQLITE_NOMEM SQLITE_NOTADB SQLITE_NOTFOUND SQLITE_NOTICE
    SQLITE_NOTICE_RECOVER_ROLLBACK SQLITE_NOTICE_RECOVER_WAL SQLITE_OK
    SQLITE_OK_LOAD_PERMANENTLY SQLITE_OK_SYMLINK SQLITE_PERM SQLITE_PRAGMA SQLITE_PROTOCOL
    SQLITE_RANGE SQLITE_READ SQLITE_READONLY SQLITE_READONLY_CANTINIT
    SQLITE_READONLY_CANTLOCK SQLITE_READONLY_DBMOVED SQLITE_READONLY_DIRECTORY
    SQLITE_READONLY_RECOVERY SQLITE_READONLY_ROLLBACK SQLITE_RECURSIVE SQLITE_REINDEX
    SQLITE_ROW SQLITE_SAVEPOINT SQLITE_SCHEMA SQLITE_SELECT SQLITE_TOOBIG SQLITE_TRANSACTION
    SQLITE_UPDATE SQLITE_WARNING SQLITE_WARNING_AUTOINDEX STDOUT ST_APPEND ST_MANDLOCK
    ST_NOATIME ST_NODEV ST_NODIRATIME ST_NOEXEC ST_NOSUID ST_RDONLY ST_RELATIME
    ST_SYNCHRONOUS ST_WRITE SafeUUID SameFileError Scanner Sniffer SpecialFileError
    SplitResult SplitResultBytes SpooledTemporaryFile StopAsyncIteration StopIteration
    StrFormatStyle StreamHandler StringIO StringTemplateStyle SubprocessError SyntaxError
    SyntaxWarning SystemError SystemExit SystemRandom T TEMPLATE TMP_MAX TabError Template
    TemporaryDirectory TemporaryFile TextIOBase TextIOWrapper Time TimeFromTicks
    TimeoutError TimeoutExpired Timestamp TimestampFromTicks True TypeError U UNICODE UUID
    UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError
    UnicodeTranslateError UnicodeWarning UnsupportedOperation UserDict UserList UserString
    UserWarning VERBOSE ValueError WARN WARNING WCONTINUED WCOREDUMP WEXITED WEXITSTATUS
    WIFCONTINUED WIFEXITED WIFSIGNALED WIFSTOPPED WNOHANG WNOWAIT WRAPPER_ASSIGNMENTS
    WRAPPER_UPDATES WSTOPPED WSTOPSIG WTERMSIG WUNTRACED W_OK Warning X XATTR_CREATE
    XATTR_REPLACE XATTR_SIZE_MAX X_OK ZIP64_LIMIT ZIP64_VERSION ZIP_BZIP2 ZIP_DEFLATED
    ZIP_FILECOUNT_LIMIT ZIP_LZMA ZIP_MAX_COMMENT ZIP_STORED ZeroDivisionError ZipExtFile
    ZipFile ZipInfo _AIX _ALWAYS_SAFE _ALWAYS_SAFE_BYTES _ARCHIVE_FORMATS _BZ2_SUPPORTED
    _CD64_CREATE_VERSION _CD64_DIRECTORY_RECSIZE _CD64_DIRECTORY_SIZE _CD64_DISK_NUMBER
    _CD64_DISK_NUMBER_START _CD64_EXTRACT_VERSION _CD64_NUMBER_ENTRIES_THIS_DISK
    _CD64_NUMBER_ENTRIES_TOTAL _CD64_OFFSET_START_CENTDIR _CD64_SIGNATURE _CD_COMMENT_LENGTH
    _CD_COMPRESSED_SIZE _CD_COMPRESS_TYPE _CD_CRC _CD_CREATE_SYSTEM _CD_CREATE_VERSION
    _CD_DATE _CD_DISK_NUMBER_START _CD_EXTERNAL_FILE_ATTRIBUTES _CD_EXTRACT_SYSTEM
    _CD_EXTRACT_VERSION _CD_EXTRA_FIELD_LENGTH _CD_FILENAME_LENGTH _CD_FLAG_BITS
    _CD_INTERNAL_FILE_ATTRIBUTES _CD_LOCAL_HEADER_OFFSET _CD_SIGNATURE _CD_TIME
    _CD_UNCOMPRESSED_SIZE _CHUNK_SIZE _CacheInfo _DD_SIGNATURE _DefragResultBase _Dialect
    _ECD_COMMENT _ECD_COMMENT_SIZE _ECD_DISK_NUMBER _ECD_DISK_START _ECD_ENTRIES_THIS_DISK
    _ECD_ENTRIES_TOTAL _ECD_LOCATION _ECD_OFFSET _ECD_SIGNATURE _ECD_SIZE
    _EXTRA_FIELD_STRUCT _EndRecData _EndRecData64 _Environ _FH_COMPRESSED_SIZE
    _FH_COMPRESSION_METHOD _FH_CRC _FH_EXTRACT_SYSTEM _FH_EXTRACT_VERSION
    _FH_EXTRA_FIELD_LENGTH _FH_FILENAME_LENGTH _FH_GENERAL_PURPOSE_FLAG_BITS
    _FH_LAST_MOD_DATE _FH_LAST_MOD_TIME _FH_SIGNATURE _FH_UNCOMPRESSED_SIZE _GETTERS
    _GiveupOnFastCopy _HAS_FCOPYFILE _HashedSeq _LINUX _LZMA_SUPPORTED _Link _MAC_DELIM
    _MAC_OMITS_LEADING_ZEROES _MASK_COMPRESSED_PATCH _MASK_COMPRESS_OPTION_1 _MASK_ENCRYPTED
    _MASK_STRONG_ENCRYPTION _MASK_USE_DATA_DESCRIPTOR _MASK_UTF_FILENAME _MAXCACHE
    _NOT_FOUND _NetlocResultMixinBase _NetlocResultMixinBytes _NetlocResultMixinStr
    _OS_GETTERS _O_TMPFILE_WORKS _OrderedDictItemsView _OrderedDictKeysView
    _OrderedDictValuesView _PIPE_BUF _ParseResultBase _PopenSelector _Quoter _Random
    _RandomNameSequence _ResultMixinBytes _ResultMixinStr _STRUCT_TM_ITEMS _STYLES
    _SharedFile _SplitResultBase _StderrHandler _Tellable _TemporaryFileCloser
    _TemporaryFileWrapper _UNPACK_FORMATS _UNSAFE_URL_BYTES_TO_REMOVE _USE_CP_SENDFILE
    _USE_POSIX_SPAWN _USE_VFORK _UuidCreate _WHATWG_C0_CONTROL_OR_SPACE _WIFSTOPPED _WINDOWS
    _WIN_DEFAULT_PATHEXT _WNOHANG _WSTOPSIG _ZLIB_SUPPORTED _ZipDecrypter _ZipWriteFile
    _access_check _acquireLock _active _addHandlerRef _after_at_fork_child_reinit_locks
    _allocate_lock _ancestry _args_from_interpreter_flags _arp_getnode _asciire
    _at_fork_reinit_lock_weakset _base_executable _basename _bin_openflags
    _byte_quoter_factory _c3_merge _c3_mro _cache _cached_cparts _can_fork_exec
    _candidate_tempdir_list _casefix _chain _charref _checkClosed _checkLevel _checkReadable
    _checkSeekable _checkWritable _check_bracketed_host _check_compression _check_methods
    _check_timeout _check_unpack_options _check_zipfile _checknetloc _child_created _cleanup
    _clear_type_cache _close_pipe_fds _coerce_args _collections_abc _communicate _compile
    _compile_repl _compiler _compose_mro _constants _convert _copyfileobj_readinto _copytree
    _copyxattr _count_elements _cparts _crctable _current_exceptions _current_frames
    _debugmallocstats _decode_args _dedupe _defaultFormatter _defaultLastResort
    _default_decoder _default_encoder _destinsrc _difference _drv _encode_result
    _ensure_directory _eq _errno _execute_child _execvpe _exists _exit _expand
    _extract_text_encoding _fastcopy_fcopyfile _fastcopy_sendfile _finalizing _find_impl
    _find_mac_near_keyword _find_mac_under_heading _find_unpack_format _fork_exec
    _format_parsed_parts _framework _from_parsed_parts _from_parts _fspath _functools _fwalk
    _ge_from_gt _ge_from_le _ge_from_lt _gen_crc _generate_time_safe _get_candidate_names
    _get_command_stdout _get_compressor _get_decompressor _get_default_tempdir _get_devnull
    _get_exports_list _get_gid _get_handles _get_sep _get_uid _getframe _getquickenedcount
    _gettempdir _git _gt_from_ge _gt_from_le _gt_from_lt _handle_exitstatus _handlerList
    _handlers _has_uuid_generate_time_safe _hash _hashlib _hexdig _hextobyte _home _hostprog
    _html5 _ifconfig_getnode _implicit_encoding _implicit_errors _infer_return_type
    _initial_missing _internal_poll _invalid_charrefs _invalid_codepoints _io _ip_getnode
    _ipconfig_getnode _is_immutable _is_internal_frame _is_universal _iskeyword _islink
    _itemgetter _joinrealpath _lanscan_getnode _last_timestamp _le_from_ge _le_from_gt
    _le_from_lt _levelToName _load_system_functions _lock _log _logRecordFactory
    _loggerClass _lru_cache_wrapper _lt_from_ge _lt_from_gt _lt_from_le _make_child
    _make_child_relpath _make_key _make_tarball _make_zipfile _mkstemp_inner _mswindows
    _nameToLevel _name_sequence _netbios_getnode _netstat_getnode _node _noop
    _ntuple_diskusage _on_error_fd_closer _once_lock _optim_args_from_interpreter_flags _os
    _parents _parse_args _parse_mac _parser _parts _path_normpath _pickle _platform_system
    _portprog _posix_spawn _pparts _proxy _random_getnode _re _recursive_repr
    _register_at_fork_reinit_lock _releaseLock _remaining_time _removeHandlerRef _repeat
    _replace_charref _rmtree_isdir _rmtree_islink _rmtree_safe_fd _rmtree_unsafe _root
    _samefile _sanitize_params _save_input _scandir _showwarning _shutil _simple_enum
    _spawnvef _special_chars_map _splitattr _splithost _splitnetloc _splitnport _splitparams
    _splitpasswd _splitport _splitquery _splittag _splittype _splituser _splitvalue _srcfile
    _starmap _startTime _stat _stdin_write _stdlib_dir _str _str_formatter _strip_extra
    _subx _sys _sysrand _text_encoding _text_openflags _thread _time _to_bytes
    _translate_newlines _try_wait _tuplegetter _typeprog _types _unix_getnode
    _unpack_tarfile _unpack_zipfile _unwrap_partial _use_fd_functions _use_posix_spawn _uuid
    _varprog _varprogb _wait _waitpid _waitstatus_to_exitcode _walk _warnings
    _warnings_showwarning _weakref _windll_getnode _wrap_close _xoptions abc abiflags abort
    abs absolute abspath access adapt adapters add addFilter addHandler addLevelName
    add_note addaudithook aiter algorithms_available algorithms_guaranteed all altsep
    altzone anchor anext any api_version apilevel append args argv arraysize
    as_integer_ratio as_posix as_uri ascii asctime astimezone atexit audit backup base64
    base_exec_prefix base_prefix basename basicConfig bin binascii bit_count bit_length
    blake2b blake2s blobopen bool breakpoint breakpointhook buffer builtin_module_names
    builtins bytearray byteorder bytes bytes_ bz2 cache cached_property call callHandlers
    call_tracing callable capitalize captureWarnings casefold center chdir check_call
    check_output check_returncode chmod choice chown chr chroot classmethod clear
    clear_cache clock_getres clock_gettime clock_gettime_ns clock_settime clock_settime_ns
    close closed closerange cmp_to_key codecs collections combine commit commonpath
    commonprefix communicate compare_digest compile complete_statement complex
    compressor_names confstr confstr_names conjugate connect connection contextlib
    converters copy copy2 copy_file_range copyfile copyfileobj copymode copyreg copyright
    copystat copytree count cpu_count crc32 create_aggregate create_collation
    create_function create_window_function credits critical ctermid ctime curdir
    currentframe cursor cwd date datetime day daylight dbapi2 debug decode decoder
    defaultdict defpath delattr denominator deque description deserialize detach
    detect_encoding device_encoding devnull dict difference difference_update dir dirname
    disable discard disk_usage displayhook divmod dont_write_bytecode drive dst dump dumps
    dup dup2 enable_callback_tracebacks enable_shared_cache encode encoder encoding end
    endpos endswith entities enum enumerate environ environb errno error errors escape eval
    eventfd eventfd_read eventfd_write exc_info excel excel_tab excepthook exception exec
    exec_prefix execl execle execlp execlpe executable execute executemany executescript
    execv execve execvp execvpe exists exit expand expandtabs expanduser expandvars extend
    extsep fatal fchdir fchmod fchown fcntl fdatasync fdopen fetchall fetchmany fetchone
    field_size_limit file_digest fileno filter find findCaller findall finditer flags float
    float_info float_repr_style flush fnmatch fold fork forkpty format format_map fpathconf
    from_bytes fromhex fromisocalendar fromisoformat fromkeys fromordinal fromtimestamp
    frozenset fsdecode fsencode fspath fstat fstatvfs fsync ftruncate fullmatch functools
    fwalk genericpath get getChild getEffectiveLevel getLevelName getLevelNamesMapping
    getLogRecordFactory getLogger getLoggerClass get_archive_formats get_asyncgen_hooks
    get_blocking get_cache_token get_clock_info get_coroutine_origin_tracking_depth
    get_dialect get_exec_path get_inheritable get_int_max_str_digits get_terminal_size
    get_unpack_formats getallocatedblocks getatime getattr getctime getcwd getcwdb
    getdefaultencoding getdlopenflags getegid getenv getenvb geteuid
    getfilesystemencodeerrors getfilesystemencoding getgid getgrouplist getgroups getlimit
    getloadavg getlogin getmtime getnode getoutput getpgid getpgrp getpid getppid
    getpriority getprofile getrandom getrecursionlimit getrefcount getresgid getresuid
    getsid getsize getsizeof getstatusoutput getswitchinterval gettempdir gettempdirb
    gettempprefix gettempprefixb gettrace getuid getxattr glob globals gmtime group
    groupdict groupindex groups handle hardlink_to hasHandlers hasattr hash hash_info help
    hex hexversion home hour id ignore_patterns imag implementation importlib in_transaction
    index info initgroups input insert int int_ int_info intern interrupt intersection
    intersection_update io ipaddress isEnabledFor is_absolute is_block_device is_char_device
    is_dir is_fifo is_file is_finalizing is_integer is_mount is_relative_to is_reserved
    is_socket is_symlink is_zipfile isabs isalnum isalpha isascii isatty isdecimal isdigit
    isdir isdisjoint isfile isidentifier isinstance islink islower ismount isnumeric
    isocalendar isoformat isolation_level isoweekday isprintable isspace issubclass issubset
    issuperset istitle isupper items iter iterdir iterdump itertools join joinpath keys kill
    killpg lastResort lastgroup lastindex lastrowid lchmod lchown len lexists license
    line_buffering linesep link link_to list list2cmdline list_dialects listdir listxattr
    ljust load loads locale locals localtime lockf log logMultiprocessing logProcesses
    logThreads login_tty lower lru_cache lseek lstat lstrip lzma main major makeLogRecord
    makeRecord make_archive makedev makedirs maketrans manager map match max maxsize
    maxunicode md5 memfd_create memoryview meta_path microsecond min minor minute mkdir
    mkdtemp mkfifo mknod mkstemp mktemp mktime modules monotonic monotonic_ns month move mro
    name namedtuple new newlines next nice non_hierarchical normcase normpath now nt
    numerator object oct open open_code openpty ord orig_argv os owner paramstyle pardir
    parent parents parse_qs parse_qsl partial partialmethod partition parts path path_hooks
    path_importer_cache pathconf pathconf_names pathlib pathsep pattern pbkdf2_hmac
    perf_counter perf_counter_ns pidfd_open pipe pipe2 platform platlibdir poll pop popen
    popitem pos posix posix_fadvise posix_fallocate posix_spawn posix_spawnp posixpath pow
    pread preadv prefix print process_time process_time_ns property pthread_getcpuclockid
    purge putenv pwrite pwritev pycache_prefix quit quote quote_from_bytes quote_plus
    raiseExceptions randbelow randbits range re read read_bytes read_text readable reader
    readline readlines readlink readv real realpath reconfigure recursive_repr reduce
    register_adapter register_archive_format register_at_fork register_converter
    register_dialect register_unpack_format regs relative_to relpath remove removeFilter
    removeHandler removedirs removeprefix removesuffix removexattr rename renames replace
    repr resolution resolve reverse reversed rfind rglob rindex rjust rmdir rmtree rollback
    root round row_factory rowcount rpartition rsplit rstrip run samefile sameopenfile
    samestat scandir scanner sched_get_priority_max sched_get_priority_min sched_getaffinity
    sched_getparam sched_getscheduler sched_param sched_rr_get_interval sched_setaffinity
    sched_setparam sched_setscheduler sched_yield scheme_chars scrypt search second seek
    seekable select selectors send_signal sendfile sep serialize set setLevel
    setLogRecordFactory setLoggerClass set_asyncgen_hooks set_authorizer set_blocking
    set_coroutine_origin_tracking_depth set_inheritable set_int_max_str_digits
    set_progress_handler set_trace_callback setattr setdefault setdlopenflags setegid
    seteuid setgid setgroups setinputsizes setlimit setoutputsize setpgid setpgrp
    setpriority setprofile setrecursionlimit setregid setresgid setresuid setreuid setsid
    setswitchinterval settrace setuid setxattr sha1 sha224 sha256 sha384 sha3_224 sha3_256
    sha3_384 sha3_512 sha512 shake_128 shake_256 shutdown shutil signal singledispatch
    singledispatchmethod sizeCentralDir sizeEndCentDir sizeEndCentDir64
    sizeEndCentDir64Locator sizeFileHeader sleep slice sort sorted span spawnl spawnle
    spawnlp spawnlpe spawnv spawnve spawnvp spawnvpe splice split splitattr splitdrive
    splitext splithost splitlines splitnport splitpasswd splitport splitquery splittag
    splittype splituser splitvalue sqlite_version sqlite_version_info st start startswith
    stat stat_result staticmethod statvfs statvfs_result stderr stdin stdlib_module_names
    stdout stem str strerror strftime string stringCentralDir stringEndArchive
    stringEndArchive64 stringEndArchive64Locator stringFileHeader strip strptime struct
    structCentralDir structEndArchive structEndArchive64 structEndArchive64Locator
    structFileHeader struct_time sub subn suffix suffixes sum super supports_bytes_environ
    supports_dir_fd supports_effective_ids supports_fd supports_follow_symlinks
    supports_unicode_filenames swapcase symlink symlink_to symmetric_difference
    symmetric_difference_update sync sys sysconf sysconf_names system tcgetpgrp tcsetpgrp
    tell tempdir template terminal_size terminate text_encoding text_factory thread_info
    thread_time thread_time_ns threading threadsafety time time_ns times times_result
    timestamp timetuple timetz timezone title to_bytes today token_bytes token_hex
    token_urlsafe toordinal total_changes total_ordering touch traceback translate truncate
    ttyname tuple type types tzinfo tzname tzset umask uname uname_result unescape union
    universal_newlines unix_dialect unlink unpack_archive unquote unquote_plus
    unquote_to_bytes unraisablehook unregister_archive_format unregister_dialect
    unregister_unpack_format unsetenv unwrap update update_wrapper upper urandom urldefrag
    urlencode urljoin urlparse urlsplit urlunparse urlunsplit uses_fragment uses_netloc
    uses_params uses_query uses_relative utcfromtimestamp utcnow utcoffset utctimetuple
    utime uuid1 uuid3 uuid4 uuid5 values vars version version_info wait wait3 wait4 waitid
    waitid_result waitpid waitstatus_to_exitcode walk warn warning warnings warnoptions
    weakref weekday which with_name with_stem with_suffix with_traceback wraps writable
    write write_bytes write_text write_through writelines writer writev year zfill zip zlib
""".split())

#: JavaScript globals, prototype methods and Node core modules.
_JAVASCRIPT = frozenset("""
    AbortController AbortSignal Agent AggregateError Array ArrayBuffer Atomics BigInt
    BigInt64Array BigUint64Array Blob Boolean BroadcastChannel Buffer
    ByteLengthQueuingStrategy Certificate ChildProcess Cipher Cipheriv ClientRequest
    CompressionStream CountQueuingStrategy Crypto CryptoKey CustomEvent DOMException
    DataView Date Decipher Decipheriv DecompressionStream DiffieHellman DiffieHellmanGroup
    Dir Dirent E ECDH EOL EPSILON Error EvalError Event EventTarget F_OK File FileReadStream
    FileWriteStream FinalizationRegistry Float32Array Float64Array FormData Function Hash
    Headers Hmac IncomingMessage Infinity Int16Array Int32Array Int8Array Intl JSON
    KeyObject LN10 LN2 LOG10E LOG2E MAX_SAFE_INTEGER MAX_VALUE METHODS MIMEParams MIMEType
    MIN_SAFE_INTEGER MIN_VALUE Map Math MessageChannel MessageEvent MessagePort
    NEGATIVE_INFINITY NaN Number Object OutgoingMessage PI POSITIVE_INFINITY Performance
    PerformanceEntry PerformanceMark PerformanceMeasure PerformanceObserver
    PerformanceObserverEntryList PerformanceResourceTiming Promise Proxy R_OK RangeError
    ReadStream ReadableByteStreamController ReadableStream ReadableStreamBYOBReader
    ReadableStreamBYOBRequest ReadableStreamDefaultController ReadableStreamDefaultReader
    ReferenceError Reflect RegExp Request Response SQRT1_2 SQRT2 STATUS_CODES Server
    ServerResponse Set SharedArrayBuffer Sign Stats String SubtleCrypto Symbol SyntaxError
    TextDecoder TextDecoderStream TextEncoder TextEncoderStream TransformStream
    TransformStreamDefaultController TypeError URIError URL URLSearchParams Uint16Array
    Uint32Array Uint8Array Uint8ClampedArray Url Verify W_OK WeakMap WeakRef WeakSet
    WebAssembly WritableStream WritableStreamDefaultController WritableStreamDefaultWriter
    WriteStream X509Certificate X_OK __defineGetter__ __defineSetter__ __dirname __filename
    __lookupGetter__ __lookupSetter__ __proto__ _connectionListener _destroy _errnoException
    _events _eventsCount _exceptionWithHostPort _extend _forkChild _makeLong _maxListeners
    _read _toUnixTimestamp _undestroy aborted abs access accessSync acos acosh add
    addListener all allSettled alloc allocUnsafe allocUnsafeSlow anchor any appendFile
    appendFileSync apply arch arguments asIndexedPairs asciiSlice asciiWrite asin asinh
    assert assign async_hooks at atan atan2 atanh atob availableParallelism base64Slice
    base64Write base64urlSlice base64urlWrite basename big bind blink bold btoa buffer
    byteLength call callbackify caller catch cbrt ceil charAt charCodeAt checkPrime
    checkPrimeSync child_process chmod chmodSync chown chownSync clear clearImmediate
    clearInterval clearTimeout close closeSync closed cluster clz32 codePointAt compare
    compile compose concat console constants constructor copy copyBytesFrom copyFile
    copyFileSync copyWithin cos cosh cp cpSync cpus create createCipher createCipheriv
    createDecipher createDecipheriv createDiffieHellman createDiffieHellmanGroup createECDH
    createHash createHmac createPrivateKey createPublicKey createReadStream createSecretKey
    createServer createSign createVerify createWriteStream crypto debug debuglog decodeURI
    decodeURIComponent defineProperties defineProperty delete delimiter deprecate destroy
    destroyed devNull dgram diagnostics_channel diffieHellman dirname dns domain
    domainToASCII domainToUnicode dotAll drop emit encodeURI encodeURIComponent endianness
    endsWith entries equals errored escape eval eventNames events every exec execFile
    execFileSync execSync exists existsSync exp expm1 exports extname fchmod fchmodSync
    fchown fchownSync fdatasync fdatasyncSync fetch fileURLToPath fill filter finally find
    findIndex findLast findLastIndex fips fixed flags flat flatMap floor fontcolor fontsize
    forEach fork format formatWithOptions freemem freeze from fromEntries fround fs fstat
    fstatSync fsync fsyncSync ftruncate ftruncateSync futimes futimesSync generateKey
    generateKeyPair generateKeyPairSync generateKeySync generatePrime generatePrimeSync get
    getCipherInfo getCiphers getCurves getDate getDay getDiffieHellman getFips getFullYear
    getHashes getHours getMaxListeners getMilliseconds getMinutes getMonth
    getOwnPropertyDescriptor getOwnPropertyDescriptors getOwnPropertyNames
    getOwnPropertySymbols getPriority getPrototypeOf getRandomValues getSeconds
    getSystemErrorMap getSystemErrorName getTime getTimezoneOffset getUTCDate getUTCDay
    getUTCFullYear getUTCHours getUTCMilliseconds getUTCMinutes getUTCMonth getUTCSeconds
    getYear global globalAgent globalThis has hasIndices hasOwn hasOwnProperty hash hexSlice
    hexWrite hkdf hkdfSync homedir hostname http http2 https hypot ignoreCase imul includes
    indexOf inherits inspect inspector is isAbsolute isArray isBoolean isBuffer isDate
    isDeepStrictEqual isEncoding isError isExtensible isFinite isFrozen isFunction isInteger
    isNaN isNull isNullOrUndefined isNumber isObject isPaused isPrimitive isPrototypeOf
    isRegExp isSafeInteger isSealed isString isSymbol isUndefined isWellFormed italics
    iterator join keys lastIndexOf latin1Slice latin1Write lchmod lchmodSync lchown
    lchownSync length link linkSync listenerCount listeners loadavg localeCompare log log10
    log1p log2 lstat lstatSync lutimes lutimesSync machine map match matchAll matchesGlob
    max maxHeaderSize message min mkdir mkdirSync mkdtemp mkdtempSync module multiline name
    net networkInterfaces normalize of off offset on once open openAsBlob openSync opendir
    opendirSync os padEnd padStart parent parse parseArgs parseEnv parseFloat parseInt path
    pathToFileURL pause pbkdf2 pbkdf2Sync perf_hooks performance pipe platform poolSize pop
    posix pow prependListener prependOnceListener preventExtensions privateDecrypt
    privateEncrypt prng process promises promisify propertyIsEnumerable prototype
    pseudoRandomBytes publicDecrypt publicEncrypt punycode push querystring queueMicrotask
    race random randomBytes randomFill randomFillSync randomInt randomUUID rawListeners read
    readBigInt64BE readBigInt64LE readBigUInt64BE readBigUInt64LE readBigUint64BE
    readBigUint64LE readDoubleBE readDoubleLE readFile readFileSync readFloatBE readFloatLE
    readInt16BE readInt16LE readInt32BE readInt32LE readInt8 readIntBE readIntLE readSync
    readUInt16BE readUInt16LE readUInt32BE readUInt32LE readUInt8 readUIntBE readUIntLE
    readUint16BE readUint16LE readUint32BE readUint32LE readUint8 readUintBE readUintLE
    readable readableAborted readableBuffer readableDidRead readableEncoding readableEnded
    readableFlowing readableHighWaterMark readableLength readableObjectMode readdir
    readdirSync readline readlink readlinkSync readv readvSync realpath realpathSync reduce
    reduceRight reject relative release removeAllListeners removeListener rename renameSync
    repeat repl replace replaceAll request require resolve resolveObject resume reverse rm
    rmSync rmdir rmdirSync rng round scrypt scryptSync seal search secureHeapUsed sep set
    setDate setEncoding setEngine setFips setFullYear setHours setImmediate setInterval
    setMaxIdleHTTPParsers setMaxListeners setMilliseconds setMinutes setMonth setPriority
    setPrototypeOf setSeconds setTime setTimeout setUTCDate setUTCFullYear setUTCHours
    setUTCMilliseconds setUTCMinutes setUTCMonth setUTCSeconds setYear shift sign sin sinh
    size slice small some sort source spawn spawnSync splice split sqrt startsWith stat
    statSync statfs statfsSync sticky stream strike string_decoder stringify
    stripVTControlCharacters structuredClone styleText sub subarray substr substring subtle
    sup swap16 swap32 swap64 symlink symlinkSync sys take tan tanh test then timers
    timingSafeEqual tls tmpdir toArray toDateString toExponential toFixed toGMTString
    toISOString toJSON toLocaleDateString toLocaleLowerCase toLocaleString
    toLocaleTimeString toLocaleUpperCase toLowerCase toNamespacedPath toPrecision toReversed
    toSorted toSpliced toString toTimeString toUSVString toUTCString toUpperCase
    toWellFormed totalmem trace_events transferableAbortController transferableAbortSignal
    trim trimEnd trimLeft trimRight trimStart trunc truncate truncateSync tty type types
    ucs2Slice ucs2Write undefined unescape unicode unicodeSets unlink unlinkSync unpipe
    unshift unwatchFile uptime url urlToHttpOptions userInfo utf8Slice utf8Write util utimes
    utimesSync v8 validateHeaderName validateHeaderValue valueOf values verify version vm
    wasi watch watchFile webcrypto win32 with worker_threads wrap write writeBigInt64BE
    writeBigInt64LE writeBigUInt64BE writeBigUInt64LE writeBigUint64BE writeBigUint64LE
    writeDoubleBE writeDoubleLE writeFile writeFileSync writeFloatBE writeFloatLE
    writeInt16BE writeInt16LE writeInt32BE writeInt32LE writeInt8 writeIntBE writeIntLE
    writeSync writeUInt16BE writeUInt16LE writeUInt32BE writeUInt32LE writeUInt8 writeUIntBE
    writeUIntLE writeUint16BE writeUint16LE writeUint32BE writeUint32LE writeUint8
    writeUintBE writeUintLE writev writevSync zlib
""".split())

#: PHP methods of PDO, mysqli and a few core classes.
_PHP = frozenset("""
    __construct __debugInfo __serialize __set_state __toString __unserialize __wakeup
    _bad_state_ex add append asort beginTransaction bindColumn bindParam bindValue
    closeCursor columnCount commit count createFromFormat createFromImmutable
    createFromInterface debugDumpParams diff errorCode errorInfo exchangeArray exec execute
    fetch fetchAll fetchColumn fetchObject format getATime getArrayCopy getAttribute
    getAvailableDrivers getBasename getCTime getCode getColumnMeta getExtension getFile
    getFileInfo getFilename getFlags getGroup getInode getIterator getIteratorClass
    getLastErrors getLine getLinkTarget getMTime getMessage getOffset getOwner getPath
    getPathInfo getPathname getPerms getPrevious getRealPath getSize getTimestamp
    getTimezone getTrace getTraceAsString getType inTransaction isDir isExecutable isFile
    isLink isReadable isWritable ksort lastInsertId modify natcasesort natsort nextRowset
    offsetExists offsetGet offsetSet offsetUnset openFile prepare query quote rollBack
    rowCount serialize setAttribute setDate setFetchMode setFileClass setFlags setISODate
    setInfoClass setIteratorClass setTime setTimestamp setTimezone sub uasort uksort
    unserialize
""".split())

#: Go standard-library methods and functions (net/http, database/sql, os, io, strings...).
_GO = frozenset("""
    Abs Add AddCookie After Append Background Base BasicAuth Before Begin BeginTx Bind Body
    Bytes Cancel Chmod Clean Clone Close Closed ColumnTypes Columns CombinedOutput Command
    CommandContext Commit Compare Contains Context Cookie Cookies Copy Count Create Deadline
    Decode Del Delete Delims Dial Dir Do Done Encode Equal Err Error Errorf Exec ExecContext
    Execute ExecuteTemplate Exit Ext Fatal Fatalf Fields Flush Flusher Form FormFile
    FormValue Format Funcs Get Getenv Handle HandleFunc Handler Has Header Helper Hijack
    Host Index Int Is IsAbs Join Keys LastInsertId Len Less Lines List Listen ListenAndServe
    Lock Log Logf LookPath Lookup Marshal MarshalJSON MarshalText Match Method Mkdir
    MkdirAll MultipartForm Must Name New NewDecoder NewEncoder NewRequest Next NextResultSet
    Now Open OpenFile Option Output Parse ParseFiles ParseForm ParseInt ParseMultipartForm
    Path PathValue Ping Post PostForm PostFormValue Prepare Print Printf Println Proto
    Pusher Put Query QueryContext QueryRow QueryRowContext Quote Read ReadAll ReadDir
    ReadFile ReadFrom Redirect Referer Rel RemoteAddr Remove RemoveAll Rename Replace
    ReplaceAll Reset Rollback Row Rows RowsAffected Run Scan Seek Serve ServeContent
    ServeFile ServeHTTP Set SetCookie SetHeader Setenv Since Sort Split Sprintf Start Stat
    Status StatusCode Stderr StderrPipe Stdin Stdout StdoutPipe Stmt Stop String Sub Sum
    Swap TODO Trailer Trim TrimSpace Tx URL Unix Unlock Unmarshal UnmarshalJSON
    UnmarshalText Unwrap UserAgent Value Values Wait Walk WalkDir With WithCancel
    WithTimeout Write WriteFile WriteHeader WriteString WriteTo
""".split())

#: Java methods of the JDK, the Servlet API and JDBC that projects call or override.
_JAVA = frozenset("""
    accept add addAll addCookie addHeader append apply call charAt clear clone close compare
    compareTo compile compute computeIfAbsent contains containsKey containsValue copy count
    create delete destroy doDelete doFilter doGet doHead doOptions doPost doPut doTrace
    endsWith entrySet equals equalsIgnoreCase exec execute executeQuery executeUpdate exists
    filter finalize find flush forEach format get getAttribute getBoolean getBytes getClass
    getConnection getContextPath getCookies getDouble getFileName getHeader getInputStream
    getInt getLong getMessage getName getOutputStream getParameter getParameterMap
    getParameterValues getParent getPart getParts getPath getPathInfo getQueryString
    getReader getRequestDispatcher getRequestURI getResultSet getServletContext
    getServletPath getSession getString getSubmittedFileName getTimestamp getValue getWriter
    hasNext hashCode indexOf init inputStream isBlank isEmpty isPresent iterator join keySet
    lastIndexOf length lines list map matches next normalize of ofNullable orElse
    orElseThrow parse parseInt prepareStatement print printf println put putAll read
    readAllBytes readLine remove replace replaceAll resolve run sendError sendRedirect
    service set setAttribute setCharacterEncoding setContentType setHeader setInt setLong
    setStatus setString size sort split start startsWith stream strip substring test
    toAbsolutePath toFile toList toLowerCase toPath toRealPath toString toUpperCase trim
    valueOf values waitFor walk write
""".split())

#: Names too generic to rename in any language.
COMMON_API = frozenset("""
    append apply bind call callback catch cb close commit connect constructor count cursor
    default delete done emit end equals exec execute fetch filter finally format get handle
    handler head init items join keys length listen lower main map next on once open options
    patch pop post prepare prototype push put query read reduce reject render replace
    resolve rollback route run send set shift size split start stop strip then toString trim
    upper use valueOf values write
""".split())

#: API member names by language.
API_NAMES: dict[str, frozenset[str]] = {
    "python": _PYTHON | COMMON_API,
    "javascript": _JAVASCRIPT | COMMON_API,
    "php": _PHP | COMMON_API,
    "go": _GO | COMMON_API,
    "java": _JAVA | COMMON_API,
}

#: Bare names a project cannot safely take over (builtins, globals, keywords, predeclared).
BUILTIN_NAMES: dict[str, frozenset[str]] = {
    "python": frozenset("""
    False None True and as assert async await break class continue def del elif else except
    finally for from global if import in is lambda nonlocal not or pass raise return try while
    with yield match case self cls print len open str int float list dict set tuple bool bytes
    object type id input range map filter zip sorted reversed sum min max abs any all iter next
    super property staticmethod classmethod isinstance issubclass getattr setattr hasattr vars
    repr format hash round enumerate callable chr ord Exception ValueError KeyError TypeError
    OSError IOError RuntimeError NotImplementedError StopIteration __name__ __file__
    """.split()),
    "javascript": frozenset("""
    break case catch class const continue debugger default delete do else export extends false
    finally for function if import in instanceof let new null return super switch this throw
    true try typeof var void while with yield await async static of get set undefined NaN
    Infinity arguments require module exports process console JSON Math Object Array String
    Number Boolean Date RegExp Error Promise Map Set Symbol Buffer globalThis window document
    __dirname __filename setTimeout setInterval clearTimeout parseInt parseFloat isNaN
    encodeURIComponent decodeURIComponent encodeURI decodeURI escape unescape
    """.split()),
    "php": frozenset("""
    this GLOBALS _GET _POST _REQUEST _COOKIE _FILES _SERVER _SESSION _ENV argv argc
    http_response_header php_errormsg self parent static true false null
    """.split()),
    "go": frozenset("""
    break case chan const continue default defer else fallthrough for func go goto if import
    interface map package range return select struct switch type var append cap clear close
    complex copy delete imag len make max min new panic print println real recover any bool
    byte comparable complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune
    string uint uint8 uint16 uint32 uint64 uintptr true false iota nil main init _
    """.split()),
    "java": frozenset("""
    abstract assert boolean break byte case catch char class const continue default do double
    else enum extends final finally float for goto if implements import instanceof int
    interface long native new package private protected public return short static strictfp
    super switch synchronized this throw throws transient try void volatile while var record
    yield sealed permits true false null main String Object System Math Integer Long Double
    Boolean List Map Set Optional Arrays Collections Files Paths Path
    """.split()),
}
