"""What units send: reports (reports.py) and nominations (nominations.py) stored whole or
not at all, returns for correction, dossier files by SHA-256 (dossiers.py), a filled Excel
workbook (workbooks.py), a form typed in the UI (typed.py). May import infra, models,
tasks.forms, tasks.plans and tasks.records."""
