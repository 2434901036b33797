from html_templates.app import app

client = app.test_client()


def test_index_lists_frameworks_inside_the_base_layout():
    html = client.get("/").text
    assert "<title>Frameworks</title>" in html
    assert "<li>Flask</li>" in html and "<li>Express</li>" in html


def test_names_are_escaped():
    html = client.get("/greet", query_string={"name": "<script>alert(1)</script>"}).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert "Hello, stranger!" in client.get("/greet").text
