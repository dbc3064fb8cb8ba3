"""The passes that bring Plug.to up to date besides the orders: after each poll, the store's news
(status back: invoices, tracking, deliveries, cancellations) and the product feed; nightly, the
whole catalogue and the Conferência (``engine/audit.py``)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from pluggto_desktop.domain.audit import summary_text
from pluggto_desktop.domain.jobs import JobKind
from pluggto_desktop.engine.audit import CURSOR_LAST_AUDIT, AuditReport, Repairs, fix, run_audit
from pluggto_desktop.engine.audit import period as audit_period
from pluggto_desktop.engine.pause import Pausing
from pluggto_desktop.engine.products import CURSOR_LAST_RECONCILE, PublishCounts
from pluggto_desktop.engine.state import RunSummary
from pluggto_desktop.errors import CredentialError, TransientError
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.text import Text

log = logging.getLogger("pluggto_desktop.engine")

#: The nightly Conferência runs in this hour (local time).
AUDIT_HOUR = 3

AUDIT_DONE = Text("Conferência: {summary}", "Audit: {summary}")
CATALOGUE_CHECKED = Text("Catálogo conferido: {products} produtos, {full} enviados, {stock} atualizações de estoque, "
                         "{attention} com problema",
                         "Catalogue checked: {products} products, {full} sent, {stock} stock updates, {attention} with "
                         "problems")


class Passes(Pausing):
    """Status back and products after each poll; the nightly catalogue and Conferência."""

    async def _store_to_pluggto(self, summary: RunSummary | None = None, *, reconcile_if_due: bool = False) -> None:
        """Status back, then products: the store's news for Plug.to (after each poll)."""
        summary = summary or RunSummary()
        try:
            result = await self.status_back.run_pass()
            summary.status_updates += result.updates
            if self.config.product_sync_enabled:
                counts = await self.products.feed_pass()
                summary.products_published += counts.full + counts.stock
                if reconcile_if_due and await self._reconcile_due():
                    counts = await self.reconcile_products()
                    summary.products_published += counts.full + counts.stock
                await self._drain_products()
        except CredentialError as exc:
            self._credentials_failed(exc)
        except TransientError as exc:
            summary.store_error = str(exc)
            log.warning("status back / products will be retried: %s", exc)

    async def _drain_products(self) -> None:
        while self.status.state not in ("credentials", "storage"):
            jobs = await self.store.claim_due(JobKind.PRODUCT.value, self.config.concurrency * 4)
            if not jobs:
                return
            await self.products.process_jobs(jobs)

    async def reconcile_products(self) -> PublishCounts:
        """"Reconciliar catálogo agora": the whole catalogue, with progress on the bus."""
        async with self._reconcile_lock:
            self.bus.publish("reconcile", {"running": True, "done": 0, "total": None})

            def progress(done: int, total: int) -> None:
                self.bus.publish("reconcile", {"running": True, "done": done, "total": total})

            try:
                counts = await self.products.reconcile(progress)
            finally:
                self.bus.publish("reconcile", {"running": False})
            self._activity("info", "products_reconciled", *CATALOGUE_CHECKED.both(
                products=counts.products, full=counts.full, stock=counts.stock, attention=counts.attention))
            self._publish_counts()
            return counts

    async def _reconcile_due(self) -> bool:
        """Never done yet, or the nightly hour came and the last one is older than 20 hours."""
        last = await self.store.get_cursor(CURSOR_LAST_RECONCILE)
        if not last:
            return True
        now = self.clock()
        hour = datetime.fromtimestamp(now).hour
        return hour == self.config.product_reconcile_hour and now - float(last) > 20 * 3600

    async def audit(self, start: datetime, end: datetime, *, automatic: bool = False) -> AuditReport:
        """Read both systems for the period and classify every sale (no writes but the summary)."""
        report = await run_audit(pluggto=self.pluggto, linx=self.linx, store=self.store,
                                 website_id=self.config.website_id or 0, import_statuses=self.config.import_statuses,
                                 start=start, end=end, concurrency=self.config.concurrency)
        summary = {"at": self.clock(), "from": start.isoformat(), "to": end.isoformat(), "counts": report.counts,
                   "automatic": automatic}
        await self.store.set_cursor(CURSOR_LAST_AUDIT, json.dumps(summary))
        self.bus.publish("audit", summary)
        self._activity("warning" if report.differences else "info", "audit_done",
                       AUDIT_DONE(PT, summary=summary_text(report.counts, PT)),
                       AUDIT_DONE(EN, summary=summary_text(report.counts, EN)))
        return report

    async def fix_audit(self, report: AuditReport, what: set[str]) -> dict[str, int]:
        """Repair what the person asked for, then work the orders it queued."""
        repairs = Repairs(store=self.store, pluggto=self.pluggto, status_back=self.status_back, linx=self.linx,
                          activity=self._activity, wake=self._after_user_action)
        return await fix(report, what, repairs)

    async def _audit_if_due(self) -> None:
        """The automatic Conferência: nightly, and after a long outage (last 7 days)."""
        last = await self.store.get_cursor(CURSOR_LAST_AUDIT)
        last_at = float(json.loads(last).get("at") or 0) if last else 0.0
        now = self.clock()
        nightly = datetime.fromtimestamp(now).hour == AUDIT_HOUR and now - last_at > 20 * 3600
        if not (nightly or self._audit_soon) or not self.config.website_id:
            return
        self._audit_soon = False
        start, end = audit_period(7, now=datetime.fromtimestamp(now, UTC))
        await self.audit(start, end, automatic=True)
