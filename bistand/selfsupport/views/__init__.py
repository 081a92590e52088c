"""Views for the path to self-support. Every case page opens the case through
access.case_for_request first (audit log + 404), before anything else is looked up."""
