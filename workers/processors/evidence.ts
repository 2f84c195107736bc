import { sandboxedProcessor } from '../bullmq/sandboxed.ts';
export default sandboxedProcessor('evidence');
