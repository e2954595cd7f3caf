"""The database reads and writes the flows move on: the tick's narrow read (reminders.py),
a period's reports (periods.py), a whole campaign (campaign.py), what the tick moves on
(milestones.py), the council's round (council.py), status history (history.py).
May import infra, models and tasks.plans."""
