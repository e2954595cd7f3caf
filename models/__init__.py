"""The domain: what a plan says and the rules that follow from it, as pure functions.

- plan.py, plan_parts.py, plan_checks.py, plan_validation.py, plan_diff.py: the plan schema
  (pydantic), its checks and what changed between two versions;
- due.py, periods.py, working_days.py, calendar.py: deadline wording, reporting periods,
  weekends, holidays and Tết, and the calendar of dated obligations; keys.py names them;
- notices.py: the reminder rule (which reminder, overdue notice or escalation is due today);
- nominee.py, report_entry.py: one shape for a nominee and for a unit's report;
- eligibility.py, council.py: who may be awarded, ranking and quota, the council's verdict
  and the facts its minutes record; roster.py: the council's roster (one chair, one
  secretary, distinct names); signatures.py: who signs a document under which authority;
- period_summary.py, final_summary.py, attainment.py: what the reports compile to;
- cell_rules.py, vn_text.py: how a typed value or Vietnamese text is read and written;
- tables/: the SQLModel tables.

May import only models, the standard library's pure modules, pydantic, sqlmodel, sqlalchemy
and holidays. Never reads the clock (every rule takes `as_of`) and does no I/O.
"""
