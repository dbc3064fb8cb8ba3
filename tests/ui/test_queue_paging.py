"""The queue model reads each next page after the last row it holds (keyset), not by offset."""

from __future__ import annotations

from pluggto_desktop.store.jobs import JobQuery
from pluggto_desktop.ui.queue.model import PAGE_SIZE
from pluggto_desktop.ui.queue.page import QueuePage

from .conftest import until


def test_the_next_page_is_read_after_the_last_row_held(controller, arun, qapp) -> None:
    store = controller.store

    def fill(sync) -> None:
        for i in range(2 * PAGE_SIZE + 50):
            sync.upsert_job("order", f"{i:024d}", state="integrated" if i % 3 else "needs_attention",
                            buyer_name=f"Cliente {i % 7}")

    arun(store.run(fill, store.sync))
    calls: list[dict] = []
    query_jobs = store.query_jobs

    async def spy(query, **kwargs):
        calls.append(kwargs)
        return await query_jobs(query, **kwargs)

    store.query_jobs = spy  # the AsyncStore instance: only this test's
    page = QueuePage(controller, "order")
    page.resize(1200, 800)
    quit_on_close = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    model = page.model

    async def scenario() -> None:
        page.show()
        await until(lambda: model.rowCount() == PAGE_SIZE and not model.loading, what="the first page")
        last = model.job(PAGE_SIZE - 1)
        calls.clear()
        page.table.scrollToBottom()
        await until(lambda: model.rowCount() > PAGE_SIZE and not model.loading, what="the next page")
        assert calls[0] == {"after": (last.updated_at, last.id), "limit": PAGE_SIZE}
        page.table.scrollToBottom()
        await until(lambda: model.exhausted and not model.loading, what="the last page")

    try:
        arun(scenario())
        expected = [j.id for j in arun(query_jobs(JobQuery(), limit=10_000))]
        assert model.job_ids() == expected  # every row once, in order
    finally:
        del store.query_jobs
        page.close()
        page.deleteLater()
        arun(controller.tasks.wait_idle())
        qapp.setQuitOnLastWindowClosed(quit_on_close)
