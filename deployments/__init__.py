"""When and where the flows run: schedules in Asia/Ho_Chi_Minh, serving, work pools.

local.py (every deployment, the daily tick at 07:30), serve.py (`thidua serve`), pool.py
(`thidua deploy --pool`). May import deployments, flows and prefect.
"""
