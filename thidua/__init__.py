"""The `thidua` command line, the demo and the local stand-ins.

cli*.py are the commands; demo*.py play the seed plans on a simulated calendar;
stand_ins.py is the local SMTP server and Zalo stand-in the demo, the tests and bench share.
May import any product package, typer, rich and aiosmtpd.
"""
