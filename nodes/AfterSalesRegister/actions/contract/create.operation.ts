import { REGISTERS } from '../registers';
import { createOperation } from '../common/record-operations';

export const { description, execute } = createOperation(REGISTERS.contract);
