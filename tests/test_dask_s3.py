"""Inputs under an S3 prefix (read through fsspec/s3fs) give the records the same files give on disk.

The S3 server is moto's, in server mode, started here on 127.0.0.1 with dummy credentials; the
command line finds it through FSSPEC_S3_ENDPOINT_URL, as it would find any S3-compatible store.
"""

from __future__ import annotations

import pytest
from test_batch_support import run_cli
from test_dask import DOCS, _free_port, counts, make_archive, tree

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    pytest.importorskip("s3fs")
    moto_server = pytest.importorskip("moto.server")
    import boto3

    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    env = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "FSSPEC_S3_ENDPOINT_URL": endpoint,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    src = make_archive(tmp_path_factory.mktemp("s3") / "in")
    (src / ".hidden.txt").write_text("Acme will invest $1 billion.\n")  # hidden: not an input, on disk or in S3
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket="archive")
    for p in sorted(src.rglob("*")):
        if p.is_file():
            client.put_object(Bucket="archive", Key=f"deals/{p.relative_to(src).as_posix()}", Body=p.read_bytes())
    client.put_object(Bucket="archive", Key="other/not-this.txt", Body=b"Acme will invest $1 billion.\n")
    try:
        yield env, src
    finally:
        server.stop()


def test_s3_prefix_gives_the_records_of_the_same_files_on_disk(s3, tmp_path):
    env, src = s3
    disk, remote = tmp_path / "disk", tmp_path / "s3"
    assert run_cli("extract", src, disk, "-j", "1", "-q").returncode == 1  # empty.txt fails
    r = run_cli("extract", "s3://archive/deals", remote, "-j", "2", "-q", env=env)
    assert r.returncode == 1, r.stderr
    assert tree(remote) == tree(disk)
    again = run_cli("extract", "s3://archive/deals/", remote, "-j", "2", "-q", env=env)
    assert again.returncode == 1 and counts(remote)["processed"] == 0 and counts(remote)["skipped"] == len(DOCS) + 1


def test_s3_prefix_on_a_local_cluster(s3, tmp_path):
    env, src = s3
    disk, remote = tmp_path / "disk", tmp_path / "s3"
    assert run_cli("extract", src, disk, "-j", "1", "-q").returncode == 1
    r = run_cli("extract", "s3://archive/deals", remote, "--cluster", "local:1", "-q", env=env)
    assert r.returncode == 1, r.stderr
    assert tree(remote) == tree(disk)


def test_missing_prefix_is_a_usage_error(s3, tmp_path):
    env, _ = s3
    r = run_cli("extract", "s3://archive/nothing-here", tmp_path / "out", "-q", env=env)
    assert r.returncode == 2 and "does not exist" in r.stderr
