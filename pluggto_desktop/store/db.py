"""The SQLite database file: connection settings, schema versions and migrations.

Why these settings:
* WAL journal: readers (the UI, ``status``) never block the writer (the engine), and a crash
  (even SIGKILL) never corrupts the file — the next open replays or discards the log.
* ``synchronous=NORMAL``: a committed transaction survives the application crashing; only a power
  cut can lose the last few commits. That is safe here because Plug.to stays the source of truth:
  nothing is acknowledged in Plug.to before its job reached the disk, the poller re-reads
  anything modified since an older high-water mark, and creation in Linx always searches first.
* ``secure_delete=ON``: deleted content is overwritten with zeros, so a purged payload (a buyer's
  CPF, address, phone) is gone from the file, not merely unlinked. python.org's builds of SQLite
  leave it off by default; it costs a little I/O on deletes, which are rare here.
* The file and its ``-wal``/``-shm`` companions are created readable by the current user only
  (SQLite gives the companions the database file's mode).
* One connection per thread; the engine uses one dedicated thread (see ``store.async_store.AsyncStore``).
"""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from pluggto_desktop.linx.contract import CREATED_CHANNEL, guid_text, sale_uuid
from pluggto_desktop.profile import create_private_file, make_private
from pluggto_desktop.text import Text


def _backfill_sale_ids(conn: sqlite3.Connection) -> None:
    """Migration 4's data step: the sale id (Linx OriginalOrderID) of orders recorded before it,
    from the marketplace and order number the queue already shows (orders that never had a
    marketplace number get theirs the next time they are processed); Linx ids made canonical."""
    rows = conn.execute(
        "SELECT id, marketplace, marketplace_order_id FROM jobs WHERE kind = 'order' "
        "AND sale_id IS NULL AND marketplace_order_id IS NOT NULL").fetchall()
    conn.executemany("UPDATE jobs SET sale_id = ? WHERE id = ?",
                     [(sale_uuid(brand or CREATED_CHANNEL, number), job_id) for job_id, brand, number in rows])
    # Linx order ids are GUIDs, kept in their canonical form from now on (an older simulator wrote
    # 32 upper-case hex digits): the store's feed then finds the job by the id it sends
    ids = conn.execute("SELECT id, linx_order_id FROM jobs WHERE linx_order_id IS NOT NULL").fetchall()
    conn.executemany("UPDATE jobs SET linx_order_id = ? WHERE id = ?",
                     [(guid_text(linx_id), job_id) for job_id, linx_id in ids if guid_text(linx_id) != linx_id])


Migration = str | Callable[[sqlite3.Connection], None]

# Each entry upgrades the schema from version i to i+1: SQL statements, or a function for a step
# that needs Python. Never edit a released entry: add one.
MIGRATIONS: list[Migration | list[Migration]] = [
    # 1: jobs, their timeline and payloads, cursors
    """
    CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL DEFAULT 1,
        kind TEXT NOT NULL,                 -- 'order' | 'product'
        key TEXT NOT NULL,                  -- Plug.to order id, or product SKU
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL,               -- unix time; NULL when nothing is scheduled
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        revision INTEGER NOT NULL DEFAULT 0,  -- bumped by every outside change
        needs_fetch INTEGER NOT NULL DEFAULT 1,
        settled_state TEXT,                 -- state to return to if a re-fetch shows no change
        reason_code TEXT,
        reason_title TEXT,
        reason_message TEXT,
        reason_hint TEXT,
        reason_params TEXT,                 -- JSON
        last_error TEXT,                    -- last transient error (technical, no secrets)
        logged_reason TEXT,                 -- reason code last written to Plug.to's log_history
        marketplace TEXT,
        marketplace_order_id TEXT,
        buyer_name TEXT,
        pluggto_status TEXT,
        pluggto_modified TEXT,
        order_total REAL,
        order_created_at REAL,
        linx_order_id TEXT,
        linx_order_number TEXT,
        linx_status TEXT,
        acked INTEGER NOT NULL DEFAULT 0,
        intermediary_cnpj TEXT,
        intermediary_source TEXT,
        ignored_reason TEXT,
        ignored_from_state TEXT,
        status_sent TEXT,                   -- JSON: what was already sent back to Plug.to
        content_hash TEXT,                  -- products: hash of what Plug.to last accepted
        title TEXT,                         -- products: name shown in the queue
        UNIQUE (account_id, kind, key)
    );
    CREATE INDEX jobs_due ON jobs (kind, state, next_attempt_at);
    CREATE INDEX jobs_kind_updated ON jobs (kind, updated_at);
    CREATE INDEX jobs_kind_state_updated ON jobs (kind, state, updated_at);
    CREATE INDEX jobs_kind_marketplace_updated ON jobs (kind, marketplace, updated_at);
    CREATE INDEX jobs_kind_created ON jobs (kind, order_created_at);
    CREATE INDEX jobs_marketplace_order_id ON jobs (marketplace_order_id);
    CREATE INDEX jobs_linx_order_id ON jobs (linx_order_id);
    CREATE INDEX jobs_linx_order_number ON jobs (linx_order_number);
    CREATE INDEX jobs_buyer_name ON jobs (buyer_name COLLATE NOCASE);
    CREATE INDEX jobs_title ON jobs (title COLLATE NOCASE);

    CREATE TABLE job_events (
        id INTEGER PRIMARY KEY,
        job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        at REAL NOT NULL,
        type TEXT NOT NULL,
        level TEXT NOT NULL DEFAULT 'info',
        message TEXT NOT NULL DEFAULT '',
        data TEXT                           -- JSON, never personal data
    );
    CREATE INDEX job_events_job ON job_events (job_id, id);
    CREATE INDEX job_events_type_at ON job_events (type, at);

    -- What Plug.to sent, what went to Linx, what Linx answered: buyers' personal data, so only
    -- here (never in logs), and purged after the retention period once the job is finished.
    CREATE TABLE job_payloads (
        job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        at REAL NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (job_id, kind)
    );

    -- Jobs per (kind, state), kept exact by triggers: dashboard counts without scanning jobs.
    CREATE TABLE job_counts (
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (kind, state)
    );
    CREATE TRIGGER jobs_count_insert AFTER INSERT ON jobs BEGIN
        INSERT INTO job_counts (kind, state, n) VALUES (NEW.kind, NEW.state, 1)
            ON CONFLICT (kind, state) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER jobs_count_delete AFTER DELETE ON jobs BEGIN
        UPDATE job_counts SET n = n - 1 WHERE kind = OLD.kind AND state = OLD.state;
    END;
    CREATE TRIGGER jobs_count_update AFTER UPDATE OF state ON jobs WHEN OLD.state <> NEW.state BEGIN
        UPDATE job_counts SET n = n - 1 WHERE kind = OLD.kind AND state = OLD.state;
        INSERT INTO job_counts (kind, state, n) VALUES (NEW.kind, NEW.state, 1)
            ON CONFLICT (kind, state) DO UPDATE SET n = n + 1;
    END;

    CREATE TABLE cursors (
        name TEXT PRIMARY KEY,
        value TEXT,
        updated_at REAL NOT NULL
    );
    """,
    # 2: indexes for the desktop queue view, measured with a million jobs (bench/queue_view.py).
    # The app never runs ANALYZE, and without statistics SQLite only uses an index for
    # ``WHERE kind = ? ORDER BY <column>`` when one starts with (kind, <column>): every column the
    # orders view sorts on got one (a sort by buyer, Linx order or Plug.to status took 0.2–1.6 s
    # as a full sort of the table; ~3 ms with these). (kind, key) also lets a search by Plug.to id
    # find its row directly (the UNIQUE index starts with account_id). ~25 MB per million jobs each.
    """
    CREATE INDEX IF NOT EXISTS jobs_kind_key ON jobs (kind, key);
    CREATE INDEX IF NOT EXISTS jobs_kind_buyer_name ON jobs (kind, buyer_name);
    CREATE INDEX IF NOT EXISTS jobs_kind_marketplace_order_id ON jobs (kind, marketplace_order_id);
    CREATE INDEX IF NOT EXISTS jobs_kind_linx_order_number ON jobs (kind, linx_order_number);
    CREATE INDEX IF NOT EXISTS jobs_kind_pluggto_status ON jobs (kind, pluggto_status);
    CREATE INDEX IF NOT EXISTS jobs_kind_attempts ON jobs (kind, attempts);
    """,
    # 3: products (store → Plug.to): which Linx product a product job is, and the stock per SKU
    # Plug.to last accepted (with content_hash, what lets an unchanged catalogue send nothing).
    """
    ALTER TABLE jobs ADD COLUMN linx_product_id INTEGER;
    ALTER TABLE jobs ADD COLUMN stock_state TEXT;
    """,
    # 4: the sale's id in Linx. OriginalOrderID is a GUID in the real store (docs/linx-contract.md),
    # so the connector sends a UUID derived from marketplace + order number; kept per job so a
    # support agent can paste the GUID seen in the Linx admin into the queue's search.
    [
        """
        ALTER TABLE jobs ADD COLUMN sale_id TEXT;
        CREATE INDEX IF NOT EXISTS jobs_sale_id ON jobs (sale_id);
        """,
        _backfill_sale_ids,
    ],
    # 5: the deadline watch (domain/deadlines.py): the order's clock, and its next deadline kept
    # computed so the Painel's counts and the Pedidos filter are index lookups. Orders recorded
    # before have no approval moment: they are not watched (guessing one would flag old orders
    # whose shipping this app never saw as late).
    """
    ALTER TABLE jobs ADD COLUMN approved_at REAL;
    ALTER TABLE jobs ADD COLUMN invoiced_at REAL;
    ALTER TABLE jobs ADD COLUMN shipped_at REAL;
    ALTER TABLE jobs ADD COLUMN expected_send_at REAL;
    ALTER TABLE jobs ADD COLUMN deadline_step TEXT;
    ALTER TABLE jobs ADD COLUMN deadline_at REAL;
    ALTER TABLE jobs ADD COLUMN deadline_warn_at REAL;
    ALTER TABLE jobs ADD COLUMN deadline_by_marketplace INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX IF NOT EXISTS jobs_deadline_warn ON jobs (deadline_warn_at) WHERE deadline_at IS NOT NULL;
    CREATE INDEX IF NOT EXISTS jobs_deadline_due ON jobs (deadline_at) WHERE deadline_at IS NOT NULL;
    """,
    # 6: the orders view with a million jobs, again (bench/queue_view.py). Sorting by Situação
    # (``ORDER BY state, id``) read all of the first state's rows (50,000 canceled ones) to put
    # them in id order, 100–250 ms: (kind, state) keeps them in (state, rowid) order already
    # (~2 ms). Counting a search by a name prefix looked up every matching row to check its kind
    # (57,000 for one letter, ~70 ms): (kind, buyer_name NOCASE) answers it from the index alone;
    # it replaces (buyer_name NOCASE), which nothing uses any more.
    """
    CREATE INDEX IF NOT EXISTS jobs_kind_state ON jobs (kind, state);
    CREATE INDEX IF NOT EXISTS jobs_kind_buyer_name_nocase ON jobs (kind, buyer_name COLLATE NOCASE);
    DROP INDEX IF EXISTS jobs_buyer_name;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


# -- what can be wrong with the file ----------------------------------------------------------
#: Kinds of :class:`DatabaseProblem`: why the queue cannot be read or written right now.
CORRUPT, READ_ONLY, LOCKED, DISK_FULL, IO_ERROR, CANNOT_OPEN, TOO_NEW = (
    "corrupt", "read_only", "locked", "disk_full", "io_error", "cannot_open", "too_new")

#: SQLite's primary result codes (``sqlite3.Error.sqlite_errorcode & 0xFF``) by kind.
_CODES = {11: CORRUPT, 26: CORRUPT, 8: READ_ONLY, 3: READ_ONLY, 5: LOCKED, 6: LOCKED, 13: DISK_FULL,
          10: IO_ERROR, 14: CANNOT_OPEN}
#: The same, from the message, for errors that carry no code (raised by hand, older Pythons).
_WORDS = (("disk is full", DISK_FULL), ("malformed", CORRUPT), ("not a database", CORRUPT),
          ("readonly", READ_ONLY), ("read-only", READ_ONLY), ("locked", LOCKED), ("busy", LOCKED),
          ("disk i/o error", IO_ERROR), ("unable to open", CANNOT_OPEN))
_ERRNOS = {errno.ENOSPC: DISK_FULL, errno.EROFS: READ_ONLY, errno.EACCES: READ_ONLY, errno.EPERM: READ_ONLY,
           errno.EIO: IO_ERROR}

#: What each kind of problem means to a person, and what to do about it.
_MESSAGES = {
    CORRUPT: Text("O banco de dados da fila ({path}) está danificado e não pode ser lido. Os pedidos continuam no "
                  "Plug.to: restaure o arquivo de uma cópia de segurança ou fale com o suporte.",
                  "The queue database ({path}) is damaged and cannot be read. The orders are still in Plug.to: "
                  "restore the file from a backup or contact support."),
    READ_ONLY: Text("O banco de dados da fila ({path}) está somente leitura: o Pluggto Desktop não consegue gravar "
                    "nele. Dê ao seu usuário permissão de escrita no arquivo e na pasta.",
                    "The queue database ({path}) is read-only: Pluggto Desktop cannot write to it. Give your user "
                    "write permission on the file and its folder."),
    LOCKED: Text("O banco de dados da fila ({path}) está bloqueado por outro programa (um visualizador de banco "
                 "de dados, um antivírus, um backup?). Feche esse programa e tente de novo.",
                 "The queue database ({path}) is locked by another program (a database viewer, an antivirus, a "
                 "backup?). Close that program and try again."),
    DISK_FULL: Text("O disco está cheio: o Pluggto Desktop não consegue gravar no banco de dados da fila ({path}). "
                    "Libere espaço; nenhum pedido se perde.",
                    "The disk is full: Pluggto Desktop cannot write to the queue database ({path}). Free some "
                    "space; no order is lost."),
    IO_ERROR: Text("Erro do disco ao usar o banco de dados da fila ({path}). Verifique o disco e tente de novo.",
                   "The disk failed while using the queue database ({path}). Check the disk and try again."),
    CANNOT_OPEN: Text("Não foi possível abrir o banco de dados da fila ({path}): verifique se a pasta existe e se o "
                      "seu usuário pode gravar nela.",
                      "Could not open the queue database ({path}): check that the folder exists and that your "
                      "user can write to it."),
    TOO_NEW: Text("O banco de dados da fila ({path}) foi gravado por uma versão mais nova do Pluggto Desktop: "
                  "instale essa versão (ou uma mais nova).",
                  "The queue database ({path}) was written by a newer version of Pluggto Desktop: install that "
                  "version (or a later one)."),
}


def problem_kind(exc: BaseException) -> str | None:
    """What ``exc`` says about the database file (one of the kinds above), or None when it is
    not a problem of the file (a bug, bad data): the one place that tells them apart."""
    if isinstance(exc, DatabaseProblem):
        return exc.kind
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _CODES:
            return _CODES[code & 0xFF]
        text = str(exc).lower()
        return next((kind for words, kind in _WORDS if words in text), None)
    if isinstance(exc, OSError):
        return _ERRNOS.get(exc.errno or 0)
    return None


class DatabaseProblem(Exception):  # a name the whole app imports; it is what people are told
    """The queue database cannot be used now: damaged, read-only, locked by another program,
    no space left, or written by a newer version. :meth:`message` says so in the user's words."""

    def __init__(self, kind: str, path: Path | str = "", detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.path = str(path)
        self.detail = detail

    def message(self, lang: str) -> str:
        return _MESSAGES.get(self.kind, _MESSAGES[IO_ERROR])(lang, path=self.path or "pluggto.db")

    @classmethod
    def of(cls, exc: BaseException, path: Path | str) -> DatabaseProblem | None:
        """``exc`` as a DatabaseProblem about ``path``; None when it is not one."""
        if isinstance(exc, DatabaseProblem):
            if not exc.path:
                exc.path = str(path)
            return exc
        kind = problem_kind(exc)
        return None if kind is None else cls(kind, path, str(exc))


class SchemaTooNew(DatabaseProblem):
    """The file was written by a newer version of the app; refuse rather than damage it."""

    def __init__(self, detail: str, path: Path | str = "") -> None:
        super().__init__(TOO_NEW, path, detail)


#: How long opening waits for a lock. Nothing of ours holds the file for long (one engine per
#: profile; readers never block in WAL mode), so a lock that outlasts this is another program's:
#: say so, rather than keep the user waiting on a blank screen.
OPEN_TIMEOUT_S = 3.0
#: How long a statement waits for a lock once open (a reader's checkpoint, a big purge).
BUSY_TIMEOUT_S = 30.0


def connect(path: Path | str, *, read_only: bool = False) -> sqlite3.Connection:
    """Open (creating if needed) the database, set it up and bring the schema up to date.

    ``read_only`` (``status``, diagnostics) opens an existing file for reading only: nothing is
    created, migrated or written. Otherwise a write is tried and rolled back, so a file that
    cannot take writes is found now rather than at the first order.
    Raises :class:`DatabaseProblem` when the file cannot be used (see :func:`problem_kind`).
    """
    conn: sqlite3.Connection | None = None
    try:
        if read_only:
            uri = f"{Path(path).resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                                   timeout=OPEN_TIMEOUT_S)
            conn.row_factory = sqlite3.Row
            schema_version(conn)  # reads the header: a damaged file says so here
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            create_private_file(path)
            for companion in ("-wal", "-shm", "-journal"):  # left by an older version with the umask's mode
                make_private(f"{path}{companion}")
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=OPEN_TIMEOUT_S)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("PRAGMA foreign_keys=ON")
        migrate(conn)
        _try_a_write(conn)
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        return conn
    except (sqlite3.Error, OSError, DatabaseProblem) as exc:
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        problem = DatabaseProblem.of(exc, path)
        if problem is None:
            raise
        if problem is exc:
            raise
        raise problem from exc


def _try_a_write(conn: sqlite3.Connection) -> None:
    """Take the write lock and rewrite the header's version, then roll back: a read-only file
    or one another program holds locked fails here (``BEGIN IMMEDIATE`` alone succeeds on a
    read-only file)."""
    version = schema_version(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"PRAGMA user_version = {version}")
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every pending migration, each in its own transaction; returns the final version."""
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"database schema {current} is newer than this app understands ({SCHEMA_VERSION})"
        )
    for version in range(current, SCHEMA_VERSION):
        entry = MIGRATIONS[version]
        steps = entry if isinstance(entry, list) else [entry]
        with transaction(conn):
            for step in steps:
                if callable(step):
                    step(conn)
                    continue
                for statement in _statements(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
    return schema_version(conn)


def _statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (executescript would commit on its own)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        stripped = line.split("--", 1)[0]
        buffer += stripped
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``: takes the write lock up front so two writers never
    deadlock half-way; rolls back on any exception.

    On some errors (a full disk, an I/O error) SQLite has already rolled the transaction back by
    itself: a ROLLBACK then fails with "no transaction is active", which must not hide the error
    that says what happened."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise

