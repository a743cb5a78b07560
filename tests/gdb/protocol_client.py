#!/usr/bin/env python3
# A scripted remote-protocol client against `memvp run --gdb` (docs/gdb.md), for what gdb's
# batch mode cannot drive: Ctrl-C while running, attaching to a running machine, detach
# (the run goes on), kill (status 6), thread ids on many harts, and a port that is in use.
#   protocol_client.py MEMVP KERNEL BARE_ELF NM (a RISC-V nm, to find hello_bare's main)
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

MEMVP, KERNEL, BARE, NM = sys.argv[1:5]
MAIN = int(re.search(r"^([0-9a-f]+) T main$", subprocess.run([NM, BARE], capture_output=True, text=True).stdout,
                     re.MULTILINE).group(1), 16)
# A long run: the scheduler self-test on 64 harts takes many seconds of host time; on the
# functional platform, as an L2 serves at most 32 harts.
FUNCTIONAL = str(Path(__file__).resolve().parents[2] / "platforms" / "functional.toml")
LONG = [KERNEL, "--platform", FUNCTIONAL, "--set", "platform.harts=64", "--quiet", "--", "ktest=sched"]


def checksum(data):
    return sum(data.encode("latin-1")) & 0xFF


class Client:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.buf = b""

    def send(self, data):
        self.s.sendall(f"${data}#{checksum(data):02x}".encode("latin-1"))

    def reply(self):
        while True:
            m = re.search(rb"\$([^#]*)#([0-9a-f]{2})", self.buf)
            if m:
                self.buf = self.buf[m.end():]
                data = m.group(1).decode("latin-1")
                assert int(m.group(2), 16) == checksum(data), f"bad checksum on {data!r}"
                return data
            chunk = self.s.recv(65536)
            if not chunk:
                raise EOFError("memvp closed the connection")
            self.buf += chunk

    def ask(self, data):
        self.send(data)
        return self.reply()


def start(args):
    p = subprocess.Popen([MEMVP, "run", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    line = p.stderr.readline().decode()
    m = re.match(r"memvp: gdb: listening on 127\.0\.0\.1:(\d+)", line)
    assert m, f"no listening line: {line!r}"
    return p, int(m.group(1))


def expect(cond, what):
    if not cond:
        sys.exit(f"FAIL: {what}")


def interrupt_and_kill():
    p, port = start([*LONG[:-2], "--gdb", "0", "--gdb-wait", *LONG[-2:]])
    c = Client(port)
    expect(c.ask("?") == "T05thread:1;", "the machine waits stopped in hart 0")
    threads = c.ask("qfThreadInfo")
    expect(threads == "m" + ",".join(f"{t:x}" for t in range(1, 65)), f"64 threads: {threads}")
    expect(c.ask("qsThreadInfo") == "l", "one batch of threads")
    expect(c.ask("p20") == "0000008000000000", "hart 0 starts at the ELF entry")
    c.send("vCont;c")
    time.sleep(0.5)
    c.s.sendall(b"\x03")
    stop = c.reply()
    m = re.fullmatch(r"T02thread:([0-9a-f]+);", stop)
    expect(m, f"Ctrl-C stops the machine with SIGINT: {stop}")
    expect(c.ask("Hg40") == "OK", "select hart 63")
    pc = c.ask("p20")
    expect(re.fullmatch(r"[0-9a-f]{16}", pc), f"hart 63's pc: {pc}")
    expect(c.ask("p" + format(65 + 0xF14, "x")) == "3f00000000000000", "hart 63's mhartid")
    pc_value = int.from_bytes(bytes.fromhex(pc), "little")
    expect(re.fullmatch(r"[0-9a-f]{8}", c.ask(f"m{pc_value:x},4")), "the instruction at hart 63's pc")
    c.send("k")
    out, err = p.communicate(timeout=30)
    expect(p.returncode == 6, f"kill ends the run with status 6, not {p.returncode}")
    expect(err.decode() == "memvp: killed by the debugger\n", f"one line on stderr: {err!r}")


def attach_to_a_running_machine():
    p, port = start([*LONG[:-2], "--gdb", "0", *LONG[-2:]])
    time.sleep(0.3)
    c = Client(port)
    stop = c.ask("?")
    expect(re.fullmatch(r"T05thread:[0-9a-f]+;", stop), f"attaching stops the machine: {stop}")
    c.send("vKill;1")
    expect(c.reply() == "OK", "vKill is acknowledged")
    p.communicate(timeout=30)
    expect(p.returncode == 6, f"vKill ends the run with status 6, not {p.returncode}")


def detach_lets_the_run_finish():
    alone = subprocess.run([MEMVP, "run", BARE, "--quiet"], capture_output=True, timeout=30)
    p, port = start([BARE, "--quiet", "--gdb", "0", "--gdb-wait"])
    c = Client(port)
    expect(c.ask("?") == "T05thread:1;", "stopped at the start")
    expect(c.ask(f"Z0,{MAIN:x},2") == "OK", "a breakpoint at main")
    expect(c.ask("c") == "T05thread:1;", "continue stops at the breakpoint")
    expect(c.ask("p20") == MAIN.to_bytes(8, "little").hex(), "at main")
    expect(c.ask("D") == "OK", "detach")
    out, err = p.communicate(timeout=30)
    expect(p.returncode == alone.returncode == 0, "the run ends normally")
    expect(out == alone.stdout, "with its normal console")


def port_in_use():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    port = s.getsockname()[1]
    r = subprocess.run([MEMVP, "run", BARE, "--gdb", str(port)], capture_output=True, timeout=30)
    err = r.stderr.decode()
    expect(r.returncode == 2, f"status 2, not {r.returncode}")
    expect(re.fullmatch(rf"memvp: --gdb {port}: cannot listen on 127\.0\.0\.1:{port}: .+\n", err), f"one line: {err!r}")


for test in (port_in_use, detach_lets_the_run_finish, interrupt_and_kill, attach_to_a_running_machine):
    test()
    print(f"{test.__name__}: ok")
