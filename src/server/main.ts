import { buildApp } from './app.js';
import { ensureFirstAdmin } from './bootstrap.js';
import { ConfigError, loadConfig } from './config.js';
import { loggerOptions } from './logging.js';
import { openStore } from './db/open-store.js';
import { repositories } from './repositories.js';
import { DataKey } from './security/data-key.js';
import { seedDemo } from '../cli/demo-data.js';

/** How long in-flight requests may take to finish once a stop is asked for. */
const SHUTDOWN_GRACE_MS = 3_000;

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const demo = process.argv.includes('--demo');
  // An idle pooled connection's error (PostgreSQL restarted, a failover) goes to the log once there is one.
  let logPoolError = (error: Error) => console.error(`PostgreSQL connection error: ${error.message}`);
  // SQLite in the data folder, or PostgreSQL when KAKOU_DATABASE_URL names one (several nodes share it).
  // The data key and cookie secret stay files in the data folder: every node needs the same ones.
  const opened = await openStore(config, {
    sqliteFile: demo ? 'kakou-demo.sqlite' : 'kakou.sqlite',
    onPoolError: (error) => logPoolError(error),
  });
  const { store } = opened;
  const dataKey = DataKey.load(config.dataDir);
  const repos = repositories(store, { dataKey });

  const admin = await ensureFirstAdmin(repos);
  const demoData = demo ? await seedDemo(repos, config.dataDir, { publicUrl: config.publicUrl }) : null;

  const app = await buildApp({
    config,
    store,
    dataKey,
    logger: loggerOptions(
      config,
      process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard', ignore: 'pid,hostname' } } } : {},
    ),
  });

  logPoolError = (error) => app.log.error({ err: error }, 'PostgreSQL connection error');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Graceful, with a deadline: requests in flight get a few seconds to finish, then any connection a
    // client still holds open (a browser's keep-alive socket mid-request) is closed so the process can exit
    // before a supervisor's kill.
    const deadline = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    deadline.unref();
    try {
      await app.close();
    } finally {
      clearTimeout(deadline);
      await opened.close();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info({ schemaVersion: opened.schemaVersion, engine: store.engine, database: opened.where, dataDir: config.dataDir, url: config.publicUrl }, 'Kakou is up');

  // Printed to the console only (not the log), once, on the run that created the account.
  const lines: string[] = [];
  if (admin) {
    lines.push('', '================================================================', ' 首次启动 First run: bureau administrator created',
      ` 用户名 username: ${admin.username}`, ` 一次性密码 one-time password: ${admin.password}`,
      ' 首次登录须修改密码 You must change it at first sign-in.', '================================================================');
  }
  if (demoData) {
    lines.push('', ' 演示账号 Demo accounts (one-time passwords):');
    for (const a of demoData.accounts) lines.push(`   ${a.role.padEnd(16)} ${a.username.padEnd(16)} ${a.password}`);
    const cp = demoData.checkpoint;
    lines.push('', ` 演示卡口 Demo checkpoint: ${cp.name} (#${cp.id})${cp.status === 'closed' ? '  已关闭 closed' : ''}`);
    lines.push('   卡口人员 Staff — 工号 badge / PIN / 姓名 name:');
    for (const st of cp.staff) lines.push(`     ${st.badge.padEnd(12)} ${st.pin.padEnd(8)} ${st.name}${st.disabled ? '  (已停用 disabled)' : ''}`);
    if (cp.enrollment) {
      lines.push(' 扫码枪注册码 Scanner enrollment code (一次性，15 分钟内有效 single use, valid 15 min):',
        `     ${cp.enrollment.code}    有效至 until ${cp.enrollment.expiresAt}`, `     QR: ${cp.enrollment.qrText}`);
    } else {
      lines.push(' 卡口已关闭，不发注册码 Checkpoint closed: no enrollment code (reopen it to enroll a scanner)');
    }
    if (cp.deviceId) {
      lines.push(` 示例查验 Sample checks (演示扫码枪 demo scanner ${cp.deviceId}):`);
      for (const e of cp.events) lines.push(`     ${String(e.seq).padStart(2)}  ${e.type.padEnd(16)} ${(e.plate ?? '').padEnd(9)} ${e.decision ?? ''}`.trimEnd());
    }
    const ch = demoData.charter;
    if (ch?.runId) {
      lines.push(` 包车专线 Charter run #${ch.runId} (item 7, 30 人名单 30 passengers)${ch.passNo ? `, 通行证 pass ${ch.passNo}` : ''}:`,
        `     打印 print: ${config.publicUrl}/bureau/charter/runs/${ch.runId}/pass`);
      if (ch.inspection) lines.push(`     花桥优先查验 priority inspection: ${ch.inspection.decision}, ${ch.inspection.custody} 人交企业隔离 into custody`);
    }
  }
  lines.push('', ` Portal: ${config.publicUrl}/`, '');
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
