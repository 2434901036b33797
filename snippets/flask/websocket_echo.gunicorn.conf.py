# gunicorn settings for websocket_echo.py. Each open WebSocket holds a worker thread for as long as
# the client stays connected, so use the threaded worker with room for the connections you
# expect (flask-sock's documentation suggests this); a sync worker serves one connection at a time.
worker_class = "gthread"
workers = 1
threads = 100
