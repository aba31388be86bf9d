// Widget sign-in: the host store signs a short-lived HS256 JWT for its logged-in buyer (`sub` = the store's
// buyer id). A missing, forged or expired token fails the connection with a code the widget can act on.
import jwt from 'jsonwebtoken';
import type { ExtendedError, Socket } from 'socket.io';
import { z } from 'zod';
import type { CatalogService } from '../../models';
import type { ConversationService } from '../../models/conversation-service';
import { WIDGET_ERRORS, WidgetErrorCode } from '../errors';

const claimsSchema = z.object({ sub: z.string().trim().min(1).max(128), name: z.string().trim().max(64).optional(), exp: z.number() });
const langSchema = z.enum(['zh', 'en']).catch('zh');

export interface WidgetSocketData {
  buyerId: number;
  conversationId: number;
}

const refuse = (code: WidgetErrorCode, message: string = WIDGET_ERRORS[code]): ExtendedError => {
  const err = new Error(code) as ExtendedError;
  err.data = { code, message };
  return err;
};

function verify(token: unknown, secret: string): z.infer<typeof claimsSchema> {
  if (typeof token !== 'string' || token.length === 0) throw refuse('AUTH_REQUIRED');
  let decoded: unknown;
  try {
    decoded = jwt.verify(token, secret, { algorithms: ['HS256'] });
  } catch (err) {
    throw err instanceof jwt.TokenExpiredError ? refuse('AUTH_EXPIRED') : refuse('AUTH_INVALID');
  }
  const claims = claimsSchema.safeParse(decoded);
  if (!claims.success) throw refuse('AUTH_INVALID', 'The widget token needs `sub` (the buyer id) and `exp`');
  return claims.data;
}

/** The store vouches for the buyer by signing the token, so a buyer we have not seen yet is created. */
export function widgetAuth(secret: string, conversations: ConversationService, catalog: CatalogService) {
  return (socket: Socket, next: (err?: ExtendedError) => void): void => {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    let claims: z.infer<typeof claimsSchema>;
    try {
      claims = verify(auth.token, secret);
    } catch (err) {
      next(err as ExtendedError);
      return;
    }
    catalog
      .ensureBuyer({ externalId: claims.sub, name: claims.name || null })
      .then(async (buyer) => {
        const conversation = await conversations.current(buyer.id, langSchema.parse(auth.lang));
        const data: WidgetSocketData = { buyerId: buyer.id, conversationId: conversation.id };
        socket.data = data;
        next();
      })
      .catch(() => next(refuse('INTERNAL')));
  };
}
