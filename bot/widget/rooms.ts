// Room names: every socket of a buyer joins both, so any node (through the adapter) can reach them.
export const buyerRoom = (buyerId: number): string => `buyer:${buyerId}`;
export const conversationRoom = (conversationId: number): string => `conversation:${conversationId}`;
