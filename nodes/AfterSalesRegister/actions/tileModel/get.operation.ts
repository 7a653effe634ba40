import { REGISTERS } from '../registers';
import { getOperation } from '../common/record-operations';

export const { description, execute } = getOperation(REGISTERS.tileModel);
