"""Documents people sign and read: the Nghị định 30/2020 Word layout (nd30.py), charts
(charts.py), the period report, the final summary, and the council's minutes, submission and
award decision (council.py); text a unit typed made inert in Markdown (markdown.py). May
import infra, models, tasks.records, python-docx, matplotlib and jinja2."""
