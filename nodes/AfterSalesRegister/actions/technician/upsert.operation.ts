import { REGISTERS } from '../registers';
import { upsertOperation } from '../common/record-operations';

export const { description, execute } = upsertOperation(REGISTERS.technician);
