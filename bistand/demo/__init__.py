"""Demostad, the demo city: `bistand build_demo` (management/commands/build_demo.py).

Plain modules, each one step of the city:
    organisation.py  municipality, districts, units, staff and the demo users (USERS.md)
    names.py         names and streets;  identities.py  synthetic personnummer/samordningsnummer
    households.py    who lives together, ages, homes, rents
    histories.py     months with assistance (Malmö 2012 long-term shares), cases from them
    caseload.py      case numbers, closing, exit reasons, caseworkers over time
    barriers.py      barriers to self-support (Malmö January 2014 shares), quota.py
    economy.py       declared costs and incomes per month
    requests.py      calculation requests, run through the real engine (bistand.rules)
    records.py, decide.py   applications, decisions, payments;  current.py  this month's work queue
    plan.py          all of the above as plain objects, deterministic for a seed
    writer.py, batches.py, fastinsert.py   writing the plan to the database
    build.py, hooks.py, context.py, summary.py   the command's steps, other areas' demo data, summary
"""
