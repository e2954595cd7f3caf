"""The Prefect flows, one per file, each a recipe that orders the tasks of tasks/.

launch_campaign, daily_tick, compile_period_report, council_review, final_summary,
return_for_correction, import_unit_report, import_nominations, record_unit_report,
submit_nomination, send_outbox, set_number_book, import_plan, record_higher_decision.
Besides them: sending.py (the send loop the flows share), requests.py (the tasks that start
another deployment) and names.py (each flow's deployment name, written once). No SQL,
rendering or business rules here.
May import flows, tasks, infra, models, prefect and pydantic.
"""
