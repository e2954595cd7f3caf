"""The Excel forms units fill in: where every cell sits (layout.py), writing them
(writer.py), what a file may weigh before it is parsed (limits.py), reading a filled one back
cell by cell (reader.py). May import infra, models, tasks.plans and openpyxl."""
