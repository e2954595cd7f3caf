"""Units of work, one side effect each, grouped in rooms by what they touch.

- plans/: read plan files, store plans;
- intake/: unit reports and nominations coming in (Excel, the UI), returns, dossier files;
- forms/: the Excel forms units fill in (layout, writer, reader);
- documents/: Word documents and charts (period report, final summary, council papers);
- messages/: compose messages, the outbox (queue, claim, record), delivery;
- records/: database reads and writes the flows move on (the tick's read, periods, council);
- rules.py: Prefect tasks that apply a pure rule of models/.

Each room's Prefect tasks live in its steps.py, beside the work they wrap; only steps.py and
rules.py import prefect. Rooms import infra, models, notifications (messages only) and the
rooms below them (tests/test_architecture.py lists exactly which).
"""
