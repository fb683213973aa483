import type { WebSocket } from "ws";
import { checkTimestamp, signatureMatches } from "../auth/signature.js";
import { ApiError, Errors } from "../errors.js";
import type { SimContext } from "../sim-context.js";
import type { UserStreamHub } from "./user-stream-hub.js";

interface WsApiRequest {
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

type WsParams = Record<string, unknown>;

/** ws-api signing: every param except `signature`, sorted by key, `k=v` joined with `&`. */
function verify(ctx: SimContext, params: WsParams): string {
  const apiKey = params.apiKey;
  if (typeof apiKey !== "string" || apiKey === "") throw Errors.mandatory("apiKey");
  const account = ctx.accountsByKey.get(apiKey);
  if (!account) throw Errors.invalidApiKey();
  const signature = params.signature;
  if (typeof signature !== "string" || signature === "") throw Errors.mandatory("signature");
  const payload = Object.keys(params)
    .filter((k) => k !== "signature")
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join("&");
  if (!signatureMatches(payload, signature, account.apiSecret)) throw Errors.badSignature();
  const ts = params.timestamp;
  const rw = params.recvWindow;
  checkTimestamp(
    ts === undefined ? undefined : String(ts),
    rw === undefined ? undefined : String(rw),
    ctx.clock.now(),
  );
  return account.id;
}

/**
 * The WebSocket API at /ws-api/v3, limited to what ccxt's spot user data stream needs:
 * `userDataStream.subscribe.signature`, `userDataStream.unsubscribe`, `ping`, `time`.
 */
export class WsApi {
  private readonly sessions = new Set<() => void>();

  constructor(
    private readonly ctx: SimContext,
    private readonly userHub: UserStreamHub,
  ) {}

  accept(ws: WebSocket): void {
    const subscriptions = new Map<number, () => void>();
    let nextSubscriptionId = 0;
    const unsubscribeAll = () => {
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    };
    const closeAll = () => {
      unsubscribeAll();
      this.sessions.delete(closeAll);
    };
    this.sessions.add(closeAll);
    const send = (body: object) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(body));
    };

    ws.on("close", closeAll);
    ws.on("error", closeAll);
    ws.on("message", (data) => {
      let req: WsApiRequest;
      try {
        req = JSON.parse(data.toString()) as WsApiRequest;
      } catch {
        send({ id: null, status: 400, error: { code: -1000, msg: "Malformed request." } });
        return;
      }
      const id = req.id ?? null;
      const params: WsParams =
        typeof req.params === "object" && req.params !== null ? (req.params as WsParams) : {};
      try {
        switch (req.method) {
          case "ping":
            send({ id, status: 200, result: {} });
            return;
          case "time":
            send({ id, status: 200, result: { serverTime: this.ctx.clock.now() } });
            return;
          case "userDataStream.subscribe.signature": {
            const accountId = verify(this.ctx, params);
            const subscriptionId = nextSubscriptionId++;
            subscriptions.set(
              subscriptionId,
              this.userHub.add({ accountId, send: (event) => send({ subscriptionId, event }) }),
            );
            send({ id, status: 200, result: { subscriptionId } });
            return;
          }
          case "userDataStream.unsubscribe": {
            const sid = params.subscriptionId;
            if (sid === undefined) unsubscribeAll();
            else if (typeof sid === "number" && subscriptions.has(sid)) {
              subscriptions.get(sid)?.();
              subscriptions.delete(sid);
            } else throw new ApiError(-2, "User Data Stream subscription not active.");
            send({ id, status: 200, result: {} });
            return;
          }
          default:
            throw new ApiError(-1100, `Unknown method '${String(req.method)}'.`);
        }
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        send({ id, status: err.httpStatus, error: err.toBody() });
      }
    });
  }

  close(): void {
    for (const closeAll of [...this.sessions]) closeAll();
  }
}
