/**
 * Linux /proc inspection for leak checks and measurements: which TCP sockets a process
 * listens on, which ports anything listens on, which child (and descendant) processes a
 * process has, and how much memory a process tree holds. Used by the sandbox and re-exported
 * for tests by tests/helpers/bluesky/procfs.ts.
 */
import fs from 'node:fs';
import net from 'node:net';

export interface ListeningSocket {
  address: string;
  port: number;
  family: 4 | 6;
  inode: number;
}

const LISTEN = '0A';

function decodeIpv4(hex: string): string {
  // One little-endian 32-bit word.
  const bytes = hex.match(/../g)?.map((b) => Number.parseInt(b, 16)) ?? [];
  return bytes.reverse().join('.');
}

function decodeIpv6(hex: string): string {
  // Four little-endian 32-bit words.
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8).match(/../g) ?? [];
    bytes.push(...word.reverse().map((b) => Number.parseInt(b, 16)));
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  const text = groups.join(':');
  return net.isIPv6(text) ? compressIpv6(text) : text;
}

function compressIpv6(address: string): string {
  // Good enough for display: collapse the longest run of zero groups.
  const groups = address.split(':');
  let best = { start: -1, len: 0 };
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > best.len) best = { start: i, len: j - i };
    i = j;
  }
  if (best.len < 2) return address;
  const head = groups.slice(0, best.start).join(':');
  const tail = groups.slice(best.start + best.len).join(':');
  return `${head}::${tail}`;
}

/** Every TCP socket in LISTEN state in this network namespace. */
export function allListeningSockets(): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const [file, family] of [
    ['/proc/net/tcp', 4],
    ['/proc/net/tcp6', 6],
  ] as const) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (!local || state !== LISTEN || !inode) continue;
      const [addrHex = '', portHex = ''] = local.split(':');
      sockets.push({
        address: family === 4 ? decodeIpv4(addrHex) : decodeIpv6(addrHex),
        port: Number.parseInt(portHex, 16),
        family,
        inode: Number(inode),
      });
    }
  }
  return sockets;
}

function socketInodes(pid: number): Set<number> {
  const inodes = new Set<number>();
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(Number(match[1]));
    } catch {
      // fd closed meanwhile
    }
  }
  return inodes;
}

/** TCP sockets the given process (default: this one) listens on. */
export function listeningSocketsOf(pid = process.pid): ListeningSocket[] {
  const inodes = socketInodes(pid);
  return allListeningSockets().filter((s) => inodes.has(s.inode));
}

/** Whether anything in this network namespace listens on the TCP port. */
export function isPortListening(port: number): boolean {
  return allListeningSockets().some((s) => s.port === port);
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  command: string;
}

/** Live processes (not zombies) whose parent is `pid` (default: this process). */
export function childProcesses(pid = process.pid): ProcessInfo[] {
  const children: ProcessInfo[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid ..." — comm may contain spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const [state, ppid] = stat.slice(close + 2).split(' ');
    if (Number(ppid) !== pid || state === 'Z' || state === 'X') continue;
    children.push({ pid: Number(entry), ppid: pid, command: stat.slice(stat.indexOf('(') + 1, close) });
  }
  return children;
}

/** Whether a process with this pid exists (zombies count as gone). */
export function isProcessAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Resident memory of a process in bytes (VmRSS), or 0 if unknown. */
export function residentBytes(pid = process.pid): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface StatLine {
  pid: number;
  command: string;
  state: string;
  ppid: number;
  /** Start time since boot, in clock ticks (with the pid, identifies a process over time). */
  startTicks: number;
}

function readStat(pid: number | string): StatLine | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  // After "pid (comm)": state is field 3, ppid field 4, starttime field 22.
  return {
    pid: Number(pid),
    command: stat.slice(stat.indexOf('(') + 1, close),
    state: fields[0] ?? '',
    ppid: Number(fields[1]),
    startTicks: Number(fields[19]),
  };
}

/** Every live process (not zombies) below `pid` (default: this process), children first. */
export function descendantProcesses(pid = process.pid): ProcessInfo[] {
  const byParent = new Map<number, StatLine[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (!stat || stat.state === 'Z' || stat.state === 'X') continue;
    const siblings = byParent.get(stat.ppid) ?? [];
    siblings.push(stat);
    byParent.set(stat.ppid, siblings);
  }
  const found: ProcessInfo[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const child of byParent.get(parent) ?? []) {
      found.push({ pid: child.pid, ppid: parent, command: child.command });
      queue.push(child.pid);
    }
  }
  return found;
}

/** When the process started (clock ticks since boot), or undefined when it is gone. Compare it
 * with a remembered value before signalling a remembered pid: pids are reused. */
export function processStartTicks(pid: number): number | undefined {
  const stat = readStat(pid);
  return stat && stat.state !== 'Z' && stat.state !== 'X' ? stat.startTicks : undefined;
}

/** Proportional set size in bytes (shared pages divided among the processes sharing them), or 0. */
export function proportionalBytes(pid = process.pid): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface TreeMemory {
  processes: number;
  /** Sum of VmRSS: counts shared pages (libraries, PostgreSQL's shared buffers) once per process. */
  rssBytes: number;
  /** Sum of Pss: what the tree really holds. */
  pssBytes: number;
  byCommand: Record<string, { processes: number; rssBytes: number; pssBytes: number }>;
}

/** Memory of a process and all its descendants. */
export function treeMemory(pid: number): TreeMemory {
  const pids = [{ pid, command: readStat(pid)?.command ?? '?' }, ...descendantProcesses(pid)];
  const result: TreeMemory = { processes: 0, rssBytes: 0, pssBytes: 0, byCommand: {} };
  for (const p of pids) {
    const rss = residentBytes(p.pid);
    if (rss === 0) continue;
    const pss = proportionalBytes(p.pid);
    result.processes++;
    result.rssBytes += rss;
    result.pssBytes += pss;
    const entry = (result.byCommand[p.command] ??= { processes: 0, rssBytes: 0, pssBytes: 0 });
    entry.processes++;
    entry.rssBytes += rss;
    entry.pssBytes += pss;
  }
  return result;
}
