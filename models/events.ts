// Domain events published after a transaction commits; the server forwards them to sockets and the bot.
import { EventEmitter } from 'node:events';
import type { ActorType, OrderStatus } from './enums';

export interface OrderChanged {
  orderId: number;
  orderNo: string;
  buyerId: number;
  action: string;
  from: OrderStatus | null;
  to: OrderStatus;
  actorType: ActorType;
  at: string;
}

export interface DomainEvents {
  'order.changed': OrderChanged;
}

export class DomainEventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish<K extends keyof DomainEvents>(name: K, event: DomainEvents[K]): void {
    this.emitter.emit(name, event);
  }

  subscribe<K extends keyof DomainEvents>(name: K, listener: (event: DomainEvents[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
