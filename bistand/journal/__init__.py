"""The case journal (journalanteckningar, FL 27 §): the note model and its one write path with its audit
(models, services) rest on the data model and the audit log, so every area can write a note; the page
(views, forms, urls) is built on casework's access checks like the other areas' pages.
"""
