"""Reading offline: the web app manifest, the service worker and the "you are offline" page.

The service worker (service_worker.js, served at /sw.js by views.service_worker) keeps the pages a
reader opened and their photos so they can be read without signal; docs/offline.md says what it
keeps, how much, and what it never stores.
"""
