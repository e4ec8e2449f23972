//! `ntm serve` (issue 24): a server on a free loopback port answers every endpoint with
//! exactly the command line's JSON for the same request; errors are JSON with their
//! status; uploaded data is evaluated in memory; rule edits are reloaded (a bad one
//! keeps the last good load); tokens are checked and revoked; pages are Vietnamese.

use crate::common::{ntm, root};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) const NGAN_SON: &str = "datasets/ngan-son";

/// A running `ntm serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Server {
    pub(crate) fn start(args: &[&str], log_dir: &Path) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = log_dir.join(format!("serve-{port}.log"));
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_ntm"))
            .arg("serve")
            .args(args)
            .args(["--addr", &addr])
            .current_dir(root())
            .env_remove("NTM_LANG")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let s = Server { child, port, log };
        let start = Instant::now();
        while s.try_get("/healthz").is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no /healthz: {}",
                s.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        s
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn try_get(&self, path: &str) -> Option<Reply> {
        request(self.port, "GET", path, &[], b"")
    }

    pub(crate) fn get(&self, path: &str) -> Reply {
        self.send("GET", path, &[], b"")
    }

    fn post(&self, path: &str, body: &Value) -> Reply {
        let b = serde_json::to_vec(body).unwrap();
        self.send("POST", path, &[("content-type", "application/json")], &b)
    }

    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        request(self.port, method, path, headers, body).expect("the server answers")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: String,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// HTTP/1.1 over a plain socket, one request per connection.
fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Option<Reply> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(120))).ok()?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).ok()?;
    s.write_all(body).ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let headers = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status = headers.split_whitespace().nth(1)?.parse().ok()?;
    let mut body = raw[split + 4..].to_vec();
    if headers.contains("transfer-encoding: chunked") {
        body = unchunk(&body);
    }
    Some(Reply {
        status,
        headers,
        body,
    })
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = b.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(std::str::from_utf8(&b[..i]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            break;
        }
        out.extend_from_slice(&b[i + 2..i + 2 + n]);
        b = &b[i + 4 + n..];
    }
    out
}

/// `ntm ARGS --format json` as JSON.
fn cli_json(args: &[&str]) -> Value {
    let r = ntm(args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// A copy of the bundled rules and of a dataset, to edit while serving.
fn copies(dir: &Path) -> (String, String) {
    let (rules, data) = (dir.join("rules"), dir.join("data"));
    copy_dir(&root().join("rules"), &rules);
    copy_dir(&root().join(NGAN_SON), &data);
    (rules.display().to_string(), data.display().to_string())
}

fn copy_dir(from: &Path, to: &Path) {
    let ok = Command::new("cp")
        .arg("-r")
        .arg(from)
        .arg(to)
        .status()
        .unwrap();
    assert!(ok.success(), "cp -r {}", from.display());
}

pub(crate) fn q(s: &str) -> String {
    s.replace(' ', "%20")
}

#[test]
fn every_endpoint_answers_what_the_command_line_prints() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(&["--data", NGAN_SON], dir.path());
    fn with<'a>(args: &[&'a str]) -> Vec<&'a str> {
        [
            args,
            &["--data", NGAN_SON, "--format", "json", "--quiet"][..],
        ]
        .concat()
    }
    let pairs: Vec<(Reply, Vec<&str>)> = vec![
        (
            s.get("/api/v1/eval?year=2020"),
            with(&["eval", "--year", "2020"]),
        ),
        (
            s.get("/api/v1/eval?year=2021&set=ho_dien_min%3D99.9"),
            with(&["eval", "--year", "2021", "--set", "ho_dien_min=99.9"]),
        ),
        (
            s.post(
                "/api/v1/eval",
                &serde_json::json!({"year": 2021, "set": {"ho_dien_min": 99.9}}),
            ),
            with(&["eval", "--year", "2021", "--set", "ho_dien_min=99.9"]),
        ),
        (
            s.get(&format!("/api/v1/explain?unit={}&year=2020", q("Nà Y"))),
            with(&["explain", "--unit", "Nà Y", "--year", "2020"]),
        ),
        (
            s.get("/api/v1/plan"),
            with(&["plan", "datasets/ngan-son/ke-hoach-2021.yaml"]),
        ),
        (
            s.get("/api/v1/plan?by_department=1"),
            with(&[
                "plan",
                "datasets/ngan-son/ke-hoach-2021.yaml",
                "--by-department",
            ]),
        ),
        (
            s.get("/api/v1/rollup?year=2021"),
            with(&["rollup", "--year", "2021"]),
        ),
        (
            s.get("/api/v1/diff?from=bac-kan/xa/734-2017&to=bac-kan/xa/1304-2022&year=2021"),
            with(&[
                "diff",
                "--from",
                "bac-kan/xa/734-2017",
                "--to",
                "bac-kan/xa/1304-2022",
                "--year",
                "2021",
            ]),
        ),
    ];
    for (reply, args) in pairs {
        assert_eq!(reply.status, 200, "{args:?}: {}", reply.text());
        assert!(reply.headers.contains("application/json"), "{args:?}");
        assert_eq!(reply.json(), cli_json(&args), "{args:?}");
    }
    // One unit of the evaluation; the rule sets with their parameters; the API described.
    let one = s
        .get(&format!("/api/v1/eval?year=2020&unit={}", q("Nà Y")))
        .json();
    let results = one["results"].as_array().unwrap();
    assert!(!results.is_empty() && results.iter().all(|r| r["unit"]["name"] == "Nà Y"));
    let sets = s.get("/api/v1/rulesets").json();
    let sets = sets.as_array().unwrap();
    assert!(sets.iter().any(|x| x["id"] == "bac-kan/xa/1304-2022"));
    let has = |x: &&Value| {
        x["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "ho_dien_min")
    };
    assert!(sets.iter().any(|x| has(&x)));
    let api = s.get("/api/v1/openapi.json").json();
    assert!(api["openapi"].as_str().unwrap().starts_with("3."));
}

#[test]
fn errors_are_json_with_their_status_in_the_request_language() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(&["--data", NGAN_SON, "--max-body-mb", "1"], dir.path());
    let bad = s.send("POST", "/api/v1/eval", &[], br#"{"year": 2020, "set": "#);
    assert_eq!(bad.status, 400, "{}", bad.text());
    let j = bad.json();
    assert_eq!(j["code"], "json");
    assert_eq!(j["diagnostics"][0]["line"], 1);
    let unit = s.get(&format!("/api/v1/explain?unit={}&year=2020", q("Nà Yy")));
    assert_eq!(unit.status, 404);
    assert_eq!(unit.json()["code"], "unknown-unit");
    assert!(
        unit.json()["message"].as_str().unwrap().contains("Nà Y"),
        "{}",
        unit.text()
    );
    let en = s.get(&format!(
        "/api/v1/explain?unit={}&year=2020&lang=en",
        q("Nà Yy")
    ));
    let vi_msg = unit.json()["message"].as_str().unwrap().to_string();
    assert_ne!(en.json()["message"].as_str().unwrap(), vi_msg);
    let path = format!("/api/v1/explain?unit={}&year=2020", q("Nà Yy"));
    let by_header = s.send("GET", &path, &[("accept-language", "en-US,en;q=0.9")], b"");
    assert_eq!(by_header.json()["message"], en.json()["message"]);
    let param = s.get("/api/v1/eval?year=2021&set=ho_dien_mim%3D90");
    assert_eq!(param.status, 404, "{}", param.text());
    assert!(param.text().contains("ho_dien_min"), "{}", param.text());
    let year = s.get("/api/v1/eval?year=20x1");
    assert_eq!(
        (year.status, year.json()["code"].as_str()),
        (400, Some("bad-parameter"))
    );
    let route = s.get("/api/v1/evla");
    assert_eq!(route.status, 404);
    assert!(route.json()["message"]
        .as_str()
        .unwrap()
        .contains("/api/v1/eval"));
    let set = s.get("/api/v1/diff?from=bac-kan/xa/734-2017&to=bac-kan/xa/1304-202");
    assert_eq!(
        (set.status, set.json()["code"].as_str()),
        (404, Some("unknown-ruleset"))
    );
    let big = vec![b'a'; 3 << 20];
    let over = s.send(
        "POST",
        "/api/v1/eval",
        &[("content-type", "application/json")],
        &big,
    );
    assert_eq!(over.status, 413);
    assert_eq!(over.json()["code"], "file-too-large");
    let path = serde_json::json!({"data": {"../etc/passwd.csv": "x"}});
    assert_eq!(s.post("/api/v1/eval", &path).status, 422);
    let broken = serde_json::json!({"data": {"so-lieu.csv": "unit;year\nKhông có;2020\n"}});
    let r = s.post("/api/v1/eval", &broken);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.json()["diagnostics"][0]["file"]
        .as_str()
        .unwrap()
        .contains("so-lieu.csv"));
    // The server kept serving through all of it.
    assert_eq!(s.get("/api/v1/eval?year=2020").status, 200);
}

#[test]
fn uploaded_data_is_evaluated_in_memory_like_the_same_files_on_disk() {
    use base64::Engine;
    let dir = tempfile::tempdir().unwrap();
    let fixture = root().join("tests/fixtures/serve/upload");
    let rules = "tests/fixtures/rules/xa-demo.yaml";
    let s = Server::start(&["--rules", rules], dir.path());
    let book = std::fs::read(fixture.join("so-lieu.xlsx")).unwrap();
    let units = std::fs::read_to_string(fixture.join("don-vi.yaml")).unwrap();
    let b64 = base64::engine::general_purpose::STANDARD.encode(&book);
    let body =
        serde_json::json!({"year": 2020, "data": {"don-vi.yaml": units, "so-lieu.xlsx": b64}});
    let r = s.post("/api/v1/eval", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let f = fixture.display().to_string();
    let cli = cli_json(&[
        "eval", "--rules", rules, "--data", &f, "--year", "2020", "--format", "json",
    ]);
    // The same results; places in the files are named by their upload name.
    let on_disk = cli["results"]
        .to_string()
        .replace(&format!("{f}/"), "upload/");
    assert_eq!(r.json()["results"].to_string(), on_disk);
    // Downloads: the annex as a workbook, HTML, Markdown, CSV.
    for (format, ctype) in [
        ("xlsx", "spreadsheetml"),
        ("html", "text/html"),
        ("md", "text/markdown"),
        ("csv", "text/csv"),
    ] {
        let mut b = body.clone();
        b["format"] = format.into();
        let d = s.post("/api/v1/eval", &b);
        assert_eq!(d.status, 200, "{format}: {}", d.text());
        assert!(
            d.headers.contains(ctype) && d.headers.contains("attachment"),
            "{format}"
        );
        assert!(
            d.text().contains("Bình Hòa") || format == "xlsx",
            "{format}"
        );
    }
    let xlsx = {
        let mut b = body.clone();
        b["format"] = "xlsx".into();
        s.post("/api/v1/eval", &b)
    };
    assert!(xlsx.body.starts_with(b"PK"), "a zip: the workbook");
    assert!(!fixture.join("upload").exists());
}

fn wait_for(s: &Server, what: &str, f: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let v = s.get("/api/v1/status").json();
        if f(&v) {
            return v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{what}: {v}\n{}",
            s.log()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn edits_are_reloaded_and_a_bad_one_keeps_the_last_good_load() {
    let dir = tempfile::tempdir().unwrap();
    let (rules, data) = copies(dir.path());
    let s = Server::start(&["--rules", &rules, "--data", &data], dir.path());
    let before = s.get("/api/v1/status").json();
    assert_eq!(before["ok"], true);
    let file = walkdir::WalkDir::new(&rules)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("ho_dien_min")))
        .unwrap()
        .into_path();
    let good = std::fs::read_to_string(&file).unwrap();
    // A good edit is served at once (not an answer kept from before it).
    let stamp = |s: &Server| s.get("/api/v1/eval?year=2021").json()["stamp"]["rules"].clone();
    let old = stamp(&s);
    std::fs::write(&file, format!("{good}\n# ghi chú\n")).unwrap();
    let next = before["generation"].as_u64().unwrap() + 1;
    wait_for(&s, "a good edit", |v| {
        v["generation"].as_u64() == Some(next)
    });
    assert_ne!(stamp(&s), old);
    std::fs::write(&file, format!("{good}\n  : : broken\n")).unwrap();
    let st = wait_for(&s, "the broken file is reported", |v| v["ok"] == false);
    let name = file.file_name().unwrap().to_str().unwrap();
    assert!(st["diagnostics"].to_string().contains(name), "{st}");
    assert_ne!(st["hash"], before["hash"], "the good edit is still served");
    assert_eq!(s.get("/api/v1/eval?year=2021").status, 200);
    let page = s.get("/").text();
    assert!(
        page.contains("role=\"alert\"") && page.contains(name),
        "the page shows it"
    );
    std::fs::write(&file, &good).unwrap();
    let fixed = wait_for(&s, "fixed", |v| v["ok"] == true);
    assert!(fixed["generation"].as_u64() > before["generation"].as_u64());
    // A data folder removed while serving: reported, the last good data still served.
    std::fs::rename(&data, dir.path().join("gone")).unwrap();
    let st = wait_for(&s, "the missing folder is reported", |v| v["ok"] == false);
    assert!(st["diagnostics"][0]["code"] == "io", "{st}");
    assert_eq!(s.get("/api/v1/eval?year=2021").status, 200);
    std::fs::rename(dir.path().join("gone"), &data).unwrap();
    wait_for(&s, "back", |v| v["ok"] == true);
}

fn token_line(name: &str, token: &str) -> String {
    use sha2::Digest;
    let h = sha2::Sha256::digest(token.as_bytes());
    let hex: String = h.iter().map(|b| format!("{b:02x}")).collect();
    format!("{name} {hex}\n")
}

#[test]
fn tokens_are_checked_revoked_and_logged_by_name_without_values() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tokens.txt");
    let both = format!(
        "# staff\n{}{}",
        token_line("lan", "t-lan"),
        token_line("minh", "t-minh")
    );
    std::fs::write(&file, both).unwrap();
    let f = file.display().to_string();
    let s = Server::start(&["--data", NGAN_SON, "--tokens", &f], dir.path());
    let ask = |t: Option<&str>| {
        let h = t.map(|t| format!("Bearer {t}"));
        let hs: Vec<(&str, &str)> = h.iter().map(|h| ("authorization", h.as_str())).collect();
        s.send(
            "GET",
            "/api/v1/eval?year=2021&set=ho_dien_min%3D97.5",
            &hs,
            b"",
        )
        .status
    };
    assert_eq!(ask(None), 401);
    assert_eq!(ask(Some("wrong")), 401);
    assert_eq!(ask(Some("t-minh")), 200);
    assert_eq!(
        s.get("/").status,
        401,
        "a page without a token is the sign-in form"
    );
    // Signing in in a browser: a valid token is kept in a cookie, a wrong one is refused.
    let form = [("content-type", "application/x-www-form-urlencoded")];
    assert_eq!(s.send("POST", "/login", &form, b"token=wrong").status, 401);
    let signed = s.send("POST", "/login", &form, b"token=t-lan");
    assert_eq!(signed.status, 303);
    assert!(signed
        .headers
        .contains("set-cookie: ntm_token=t-lan; httponly; samesite=strict"));
    let cookie = [("cookie", "ntm_token=t-lan")];
    assert_eq!(s.send("GET", "/", &cookie, b"").status, 200);
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&file, token_line("lan", "t-lan")).unwrap();
    let start = Instant::now();
    while ask(Some("t-minh")) != 401 {
        assert!(start.elapsed() < Duration::from_secs(10), "not revoked");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(ask(Some("t-lan")), 200);
    let log = s.log();
    assert!(log.contains("minh GET /api/v1/eval 200"), "{log}");
    assert!(log.contains("lan GET /api/v1/eval 200"), "{log}");
    assert!(!log.contains("97.5") && !log.contains("t-minh"), "{log}");
}

#[test]
fn pages_are_vietnamese_with_a_strict_policy_and_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(&["--data", NGAN_SON], dir.path());
    let home = s.get("/");
    assert_eq!(home.status, 200);
    let t = home.text();
    assert!(t.contains("lang=\"vi\"") && t.contains("Nà Y") && t.contains("Phụ lục"));
    assert!(
        !t.contains("<script>") && !t.contains("style="),
        "no inline script or style"
    );
    assert!(home
        .headers
        .contains("content-security-policy: default-src 'none'; script-src 'self'"));
    let en = s.get("/?lang=en").text();
    assert!(en.contains("lang=\"en\"") && en.contains("Annex"));
    let unit = s.get(&format!("/unit?unit={}&year=2020", q("Nà Y")));
    assert_eq!(unit.status, 200);
    assert!(unit.text().contains("Nà Y"));
    let whatif = s.get("/whatif?year=2021").text();
    assert!(
        whatif.contains("name=\"ho_dien_min\""),
        "an input per parameter"
    );
    let plan = s.get("/plan");
    assert_eq!(plan.status, 200);
    assert!(s.get("/upload").text().contains("type=\"file\""));
    assert!(s.get("/assets/app.js").text().contains("api/v1/eval"));
    let missing = s.get(&format!("/unit?unit={}", q("Không có")));
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("lang=\"vi\""));
}

#[test]
fn ctrl_c_stops_the_server_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Server::start(&["--data", NGAN_SON], dir.path());
    let pid = s.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let start = Instant::now();
    let code = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st.code();
        }
        assert!(start.elapsed() < Duration::from_secs(10), "still running");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(code, Some(0));
    assert!(s.log().contains("đã dừng"), "{}", s.log());
}

#[test]
fn off_loopback_without_tokens_and_bad_addresses_are_refused_before_any_work() {
    let cases: [(&[&str], &str); 3] = [
        (&["--data", NGAN_SON, "--addr", "0.0.0.0:8080"], "--token"),
        (&["--data", NGAN_SON, "--addr", "máy-chủ"], "MÁY:CỔNG"),
        (&["--token", "a", "--tokens", "tokens.txt"], "--tokens"),
    ];
    for (args, says) in cases {
        let r = ntm(&[&["serve"][..], args].concat());
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("lỗi[usage]") && r.stderr.contains(says),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("Xem thêm: `ntm serve"), "{}", r.stderr);
    }
    let en = ntm(&["serve", "--addr", "0.0.0.0:8080", "--lang", "en"]);
    assert_eq!(en.code, 2);
    assert!(en.stderr.contains("without access tokens"), "{}", en.stderr);
}
