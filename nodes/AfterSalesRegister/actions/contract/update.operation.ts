import { REGISTERS } from '../registers';
import { updateOperation } from '../common/record-operations';

export const { description, execute } = updateOperation(REGISTERS.contract);
