"""The technical log (file + ring buffer) and the merchant's activity log."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

import pytest

from pluggto_desktop import logs
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.logs import ActivityLog, RedactingFilter, register_secret, setup_logging
from pluggto_desktop.secrets import LINX_PASSWORD, SecretStore

pytestmark = pytest.mark.usefixtures("restore_logging")


def flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def log_text(profile) -> str:
    flush()
    return (profile.logs_dir / "pluggto-desktop.log").read_text(encoding="utf-8")


def owned_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "_pluggto_desktop_handler", False)]


# --- technical log --------------------------------------------------------------------------


def test_secrets_and_personal_data_never_reach_the_file(profile):
    setup_logging(profile)
    store = SecretStore(profile.profile_id)
    store.set(LINX_PASSWORD, "Very$ecret-Linx")  # registered with the redactor by the store
    register_secret("client-secret-registered-at-start")
    log = logging.getLogger("pluggto_desktop.test")

    log.info("calling Linx with password %s", "Very$ecret-Linx")
    log.warning("payload by mistake: %s", {"receiver_cpf": "12345678909", "sku": "CAM-AZUL-M"})
    log.info("buyer CPF 123.456.789-09 and client secret client-secret-registered-at-start")
    try:
        raise RuntimeError("token request failed for password=Very$ecret-Linx cpf 98765432100")
    except RuntimeError:
        log.exception("order 2000001234567890 failed")

    text = log_text(profile)
    for leaked in ("Very$ecret-Linx", "client-secret-registered-at-start",
                   "12345678909", "123.456.789-09", "98765432100"):
        assert leaked not in text, leaked
    assert "calling Linx with password [secret]" in text
    assert "'sku': 'CAM-AZUL-M'" in text
    assert "order 2000001234567890 failed" in text
    assert "Traceback" in text and "RuntimeError: token request failed" in text
    assert " INFO    pluggto_desktop.test: " in text


def test_setup_is_idempotent(profile, tmp_path):
    setup_logging(profile)
    setup_logging(profile)
    assert len(owned_handlers()) == 2  # file + ring buffer
    logging.getLogger("pluggto_desktop").warning("only once")
    assert log_text(profile).count("only once") == 1

    other = type(profile)(tmp_path / "other").ensure()
    setup_logging(other, level="DEBUG", console=True)
    assert len(owned_handlers()) == 3  # file + ring buffer + console
    assert logging.getLogger().level == logging.DEBUG
    logging.getLogger("pluggto_desktop").debug("to the other profile")
    assert "to the other profile" in log_text(other)
    assert "to the other profile" not in log_text(profile)
    assert all(any(isinstance(f, RedactingFilter) for f in h.filters) for h in owned_handlers())


def test_console_output_is_redacted(profile, capsys):
    setup_logging(profile, console=True)
    logging.getLogger("pluggto_desktop").error("e-mail do comprador: comprador@example.com")
    err = capsys.readouterr().err
    assert "comprador@example.com" not in err and "[email]" in err


def test_ring_buffer_and_live_tail(profile):
    setup_logging(profile)
    seen: list[logs.LogEntry] = []
    unsubscribe = logs.subscribe(seen.append)
    logging.getLogger("pluggto_desktop.engine").info("poll done: %d orders, buyer a@b.com", 3)
    unsubscribe()
    logging.getLogger("pluggto_desktop.engine").info("not seen by the subscriber")

    assert [e.message for e in seen] == ["poll done: 3 orders, buyer [email]"]
    assert seen[0].level == "INFO" and seen[0].logger == "pluggto_desktop.engine"
    assert seen[0].line.endswith("pluggto_desktop.engine: poll done: 3 orders, buyer [email]")
    recent = logs.recent_log(2)
    assert [e.message for e in recent][-1] == "not seen by the subscriber"


def test_a_failing_subscriber_does_not_break_logging(profile):
    setup_logging(profile)

    def broken(_entry):
        raise ValueError("viewer closed")

    logs.subscribe(broken)
    logging.getLogger("pluggto_desktop").info("still logged")
    assert "still logged" in log_text(profile)


def test_ring_buffer_keeps_the_last_records():
    ring = logs.RingBufferHandler(capacity=3)
    ring.addFilter(RedactingFilter())
    logger = logging.getLogger("pluggto_desktop.ring-test")
    logger.addHandler(ring)
    logger.setLevel(logging.INFO)
    try:
        for i in range(5):
            logger.info("message %d", i)
    finally:
        logger.removeHandler(ring)
    assert [e.message for e in ring.entries()] == ["message 2", "message 3", "message 4"]
    assert [e.message for e in ring.entries(1)] == ["message 4"]


def test_bad_format_arguments_do_not_lose_the_record():
    record = logging.LogRecord("pluggto_desktop", logging.INFO, __file__, 1, "two args %s %s cpf %s",
                               ("a@b.com",), None)
    assert RedactingFilter().filter(record) is True
    message = record.getMessage()
    assert message == "'two args %s %s cpf %s' % ('[email]',) (arguments could not be formatted)"


def test_filter_redacts_arguments_exceptions_and_stack():
    try:
        raise ValueError("bad CPF 98765432100")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "buyer %s", ("a@b.com",), exc_info)
    record.stack_info = "Stack: token=abcdef"
    RedactingFilter().filter(record)
    assert record.getMessage() == "buyer [email]" and record.args is None
    assert "98765432100" not in record.exc_text and "ValueError: bad CPF [cpf]" in record.exc_text
    assert record.stack_info == "Stack: token=[redacted]"
    line = logging.Formatter().format(record)
    assert "98765432100" not in line and "Traceback" in line


# --- activity log ---------------------------------------------------------------------------


def test_activity_round_trip(profile):
    activity = ActivityLog.for_profile(profile)
    seen = []
    activity.subscribe(seen.append)
    at = datetime(2024, 7, 15, 10, 5, tzinfo=UTC)
    entry = activity.add(
        "order_integrated",
        "Pedido 2000001 do MercadoLivre integrado (pedido Linx 100234)",
        "Order 2000001 from MercadoLivre integrated (Linx order 100234)",
        refs={"original_id": "2000001", "channel": "MercadoLivre", "linx_order_id": 100234, "sku": None},
        at=at,
    )
    activity.add("order_failed", "Pedido 2000002 precisa de atenção", "Order 2000002 needs attention", level="error")

    assert seen[0] == entry
    assert entry.at == "2024-07-15T10:05:00+00:00"
    assert entry.refs == {"original_id": "2000001", "channel": "MercadoLivre", "linx_order_id": "100234"}
    assert entry.message(PT).startswith("Pedido 2000001") and entry.message(EN).startswith("Order 2000001")

    lines = (profile.logs_dir / "activity.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert set(first) == {"at", "level", "code", "message_pt", "message_en", "refs"}
    assert first["level"] == "info" and first["code"] == "order_integrated"

    reopened = ActivityLog.for_profile(profile)
    assert [e.code for e in reopened.recent(10)] == ["order_integrated", "order_failed"]
    assert reopened.recent(1)[0].level == "error"
    assert reopened.recent(10)[0] == entry


def test_activity_messages_are_redacted_but_order_numbers_kept(profile):
    activity = ActivityLog.for_profile(profile)
    entry = activity.add(
        "order_integrated",
        "Pedido 12345678901 integrado; CPF 98765432100, e-mail a@b.com",
        "Order 12345678901 integrated; CPF 98765432100, e-mail a@b.com",
        refs={"original_id": "12345678901"},
    )
    assert entry.message_pt == "Pedido 12345678901 integrado; CPF [cpf], e-mail [email]"
    text = (profile.logs_dir / "activity.jsonl").read_text(encoding="utf-8")
    assert "98765432100" not in text and "a@b.com" not in text


def test_activity_goes_to_the_technical_log_too(profile):
    setup_logging(profile)
    ActivityLog.for_profile(profile).add("order_integrated", "Pedido 1 integrado", "Order 1 integrated")
    assert "pluggto_desktop.activity: [order_integrated] Order 1 integrated" in log_text(profile)


def test_an_order_needing_attention_is_business_not_a_program_error(profile):
    """ERROR in the technical log means the program failed; an order the merchant must fix is a
    WARNING there, while its activity entry keeps its own level."""
    setup_logging(profile)
    entry = ActivityLog.for_profile(profile).add("order_needs_attention", "Pedido 7 precisa de atenção",
                                                 "Order 7 needs attention", level="error")
    assert entry.level == "error"
    lines = [line for line in log_text(profile).splitlines() if "[order_needs_attention]" in line]
    assert len(lines) == 1 and " WARNING " in lines[0] and " ERROR " not in lines[0]


def test_order_numbers_the_activity_vouches_for_survive_in_the_technical_log(profile):
    """A 14-digit Shopee order number looks like a CNPJ: kept because refs name it, while a
    real CPF in the same line is still masked."""
    setup_logging(profile)
    ActivityLog.for_profile(profile).add(
        "order_integrated", "Pedido 24398369961990 integrado", "Order 24398369961990 integrated; CPF 98765432100",
        refs={"original_id": "24398369961990"},
    )
    text = log_text(profile)
    assert "Order 24398369961990 integrated" in text and "98765432100" not in text


def test_activity_rotates_by_size_and_reads_back_across_files(tmp_path):
    path = tmp_path / "logs" / "activity.jsonl"
    activity = ActivityLog(path, max_bytes=600, backup_count=2)
    for i in range(20):
        activity.add("tick", f"Evento {i}", f"Event {i}")
    assert path.exists() and path.with_name("activity.jsonl.1").exists()
    assert path.with_name("activity.jsonl.2").exists()
    assert not path.with_name("activity.jsonl.3").exists()
    assert path.stat().st_size <= 600
    reopened = ActivityLog(path, max_bytes=600, backup_count=2)
    codes = [e.message_en for e in reopened.recent(100)]
    assert codes[-1] == "Event 19"
    assert codes == sorted(codes, key=lambda m: int(m.split()[1]))  # oldest first, no gaps in order


def test_damaged_activity_lines_are_skipped(profile):
    path = profile.logs_dir / "activity.jsonl"
    good = {"at": "2024-07-15T10:05:00+00:00", "level": "info", "code": "ok", "message_pt": "a", "message_en": "a",
            "refs": {}}
    path.write_text(json.dumps(good) + "\n{not json\n[1]\n" + '{"at": "x", "refs": [1]}\n{"cut', encoding="utf-8")
    activity = ActivityLog.for_profile(profile)
    assert [e.code for e in activity.recent(10)] == ["ok", ""]
    activity.add("next", "b", "b")
    assert [e.code for e in ActivityLog.for_profile(profile).recent(10)] == ["ok", "", "next"]


def test_activity_rejects_an_unknown_level(profile):
    with pytest.raises(ValueError):
        ActivityLog.for_profile(profile).add("x", "a", "a", level="debug")


# --- rate-limited logging ---------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _flood_logger(name: str, clock: _Clock) -> tuple[logging.Logger, list[logging.LogRecord]]:
    logger = logging.getLogger(name)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addFilter(logs.RateLimitFilter(clock=clock))
    kept: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            kept.append(record)

    logger.addHandler(Keep())
    return logger, kept


def test_the_same_message_passes_once_a_minute_then_says_how_many_were_held_back():
    clock = _Clock()
    logger, kept = _flood_logger("tests.flood.same", clock)
    for n in range(1000):  # a flood: the same template, different arguments
        logger.warning("request refused: Host %r is not this listener's address (421)", f"evil{n}.example")
        clock.now += 0.01
    assert [r.getMessage() for r in kept] == [
        "request refused: Host 'evil0.example' is not this listener's address (421)"]
    clock.now += 60
    logger.warning("request refused: Host %r is not this listener's address (421)", "late.example")
    assert len(kept) == 2
    assert kept[1].getMessage() == ("request refused: Host 'late.example' is not this listener's address (421) "
                                    "[+999 like this in the last 60 s not logged]")
    # a different message, and anything above WARNING, is never held back by the flood
    logger.warning("request refused: unknown path (404)")
    logger.error("request refused: Host %r is not this listener's address (421)", "x")
    assert len(kept) == 4


def test_floods_of_asyncio_errors_are_limited_at_every_level(profile):
    setup_logging(profile)
    asyncio_log = logging.getLogger("asyncio")
    try:
        raise OSError(24, "Too many open files")
    except OSError as exc:
        for _ in range(500):  # asyncio's accept loop says this every second while fds run out
            asyncio_log.error("socket.accept() out of system resource\nsocket: <socket fd=6>", exc_info=exc)
    text = log_text(profile)
    assert text.count("socket.accept() out of system resource") == 1
    assert text.count("OSError: [Errno 24]") == 1  # the traceback too, once
