from static_files.app import app

client = app.test_client()


def test_serves_files_from_static_folder():
    response = client.get("/static/hello.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert b"Hello from a static file." in response.data
    response.close()


def test_conditional_request_gets_304():
    etag = client.get("/static/hello.txt").headers["ETag"]
    assert client.get("/static/hello.txt", headers={"If-None-Match": etag}).status_code == 304


def test_missing_file_and_traversal_are_refused():
    assert client.get("/static/missing.txt").status_code == 404
    assert client.get("/static/../app.py").status_code == 404


def test_page_links_the_stylesheet():
    assert b'href="/static/style.css"' in client.get("/").data
