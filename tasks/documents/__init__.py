"""Documents people sign and read: Word templates with Jinja2 inside (templating.py, built by
scripts/make_templates.py), charts (charts.py), the period report, the final summary, the
council's minutes, submission and award decision (council.py, award_papers.py, minutes.py),
the plan as issued, PDF copies (pdf.py); text a unit typed made inert in Markdown
(markdown.py). May import infra, models, tasks.records, notifications' template sandbox,
python-docx, docxtpl, Pillow (charts) and jinja2."""
