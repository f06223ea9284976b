import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Messages sent to one phone (by its keyed hash) on one business date: the daily cap's counter. */
@Entity({ name: 'notification_phone_days' })
export class NotificationPhoneDay {
  @PrimaryColumn({ type: 'char', length: 64 })
  phoneIndex: string;

  @PrimaryColumn({ type: 'date' })
  businessDate: string;

  @Column({ type: 'integer' })
  sent: number;
}
