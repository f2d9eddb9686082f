"""The patient's record: one SQLite file, and the only place in the project with SQL.

    schema.py   the tables, as named migrations (an old database opens unchanged)
    store.py    Store: opening the file, the one write transaction, every write
    journal.py  the pending journal: what the database could not take yet
    history.py  every read of the conversation's record, as typed rows
    practice.py the practice tables: the caregiver's items, sessions, attempts, levels
    export.py   the tables as CSV or JSON for a clinician
    forget.py   deleting on request
"""
