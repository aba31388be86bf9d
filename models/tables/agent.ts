import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { AGENT_ROLES, AgentRole } from '../desk-enums';
import { count, oneOf, pk, text, timestamps, when } from './columns';

/**
 * A desk account. `failedLogins`/`lockedUntil` are the sign-in lockout (in the database so every node agrees);
 * `tokenVersion` is in every desk token, and bumping it (logout) kills the tokens issued before.
 */
export class Agent extends Model<InferAttributes<Agent>, InferCreationAttributes<Agent>> {
  declare id: CreationOptional<number>;
  declare email: string;
  declare name: string;
  declare role: AgentRole;
  declare passwordHash: string;
  declare maxChats: CreationOptional<number>;
  declare failedLogins: CreationOptional<number>;
  declare lockedUntil: CreationOptional<Date | null>;
  declare tokenVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Agent.init(
      {
        id: pk,
        email: text(),
        name: text(),
        role: oneOf(AGENT_ROLES),
        passwordHash: text(),
        maxChats: { ...count(), defaultValue: 5 },
        failedLogins: { ...count(), defaultValue: 0 },
        lockedUntil: when(),
        tokenVersion: { ...count(), defaultValue: 0 },
        ...timestamps,
      },
      { sequelize, tableName: 'agents' },
    );
  }
}
