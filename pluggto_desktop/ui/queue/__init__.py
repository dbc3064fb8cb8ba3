"""The Pedidos and Produtos views: the job queue as a table with filters and search, a detail
pane for the current job, and the merchant's actions (``page.QueuePage`` puts them together).

What the views say about a job is decided in ``present/queue.py`` and ``present/jobs.py``; the
jobs are read, and acted on, through ``pluggto_desktop.service`` only.
"""
