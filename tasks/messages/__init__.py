"""Messages: compose them (compose.py for reminders, launch, milestones, returns, summary),
queue, claim and record them in the outbox (outbox.py), deliver them (deliver.py), report
permanent failures (failures.py). May import infra, models, notifications and the rooms
forms, intake, plans and records."""
