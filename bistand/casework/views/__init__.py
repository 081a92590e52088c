"""The caseworker web application's views: thin glue between requests, access rules and services."""
