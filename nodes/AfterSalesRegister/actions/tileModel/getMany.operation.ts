import { REGISTERS } from '../registers';
import { getManyOperation } from '../common/record-operations';

export const { description, execute } = getManyOperation(REGISTERS.tileModel);
