import hashlib
import io

from file_upload import MAX_UPLOAD_BYTES, app

client = app.test_client()


def test_upload_reports_size_and_hash():
    content = b"hello upload"
    response = client.post("/upload", data={"file": (io.BytesIO(content), "hello.txt", "text/plain"), "description": "greeting"})
    assert response.status_code == 201
    assert response.get_json() == {
        "field": "file",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "content_type": "text/plain",
        "description": "greeting",
    }


def test_missing_file_is_400_and_oversized_is_413():
    assert client.post("/upload", data={"description": "no file"}).status_code == 400
    big = io.BytesIO(b"x" * (MAX_UPLOAD_BYTES + 1))
    response = client.post("/upload", data={"file": (big, "big.bin")})
    assert response.status_code == 413
    assert response.get_json()["error"] == "file too large"
