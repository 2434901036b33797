# gunicorn settings for outbound_http.py. The demo calls its own /upstream routes over HTTP, so
# a worker must answer one request while it waits on another: a single-threaded sync worker
# would wait for itself until the timeout. Threads also suit apps that mostly wait on other
# services; with a real upstream elsewhere, any worker type works.
workers = 1
threads = 4
