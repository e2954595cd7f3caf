"""The Excel forms units fill in: where every cell sits (layout.py), writing them
(writer.py), reading a filled one back cell by cell (reader.py). May import infra, models,
tasks.plans and openpyxl."""
