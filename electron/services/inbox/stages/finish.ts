import { finish, finishStack } from '../release';
import { always, type Stage } from '../stage';

/** FILED → RELEASED: the source leaves the scan folder; a part tells its stack. */
export const finishStage: Stage = {
  from: 'filed',
  doing: '清理源文件',
  commits: ['released'],
  ableToRun: always,
  run: finish,
};

/** SPLIT → RELEASED once every part is through. */
export const stackStage: Stage = {
  from: 'split',
  doing: '清理源文件',
  commits: ['released'],
  ableToRun: always,
  run: finishStack,
};
