/** People about to join a batch, each with the level and 申报专业 they will apply for. */
import type { TitleLevel } from '../../../../../shared/domain/enums';

export interface ChosenPerson {
  personId: number;
  name: string;
  department: string | null;
  targetLevel: TitleLevel | null;
  specialty: string | null;
  /** The route the 工作台 says is next for them (初定 or 评审), to warn when the batch is of the other type. */
  route: '初定' | '评审' | null;
}
