/**
 * The society's bank account at rest (issue 12 Keys): the account name and number are sealed
 * (cases/pii.ts), the bank in clear. Every reader takes the account through `openBankAccount`;
 * an account written before it was sealed is read as it is until the re-seal seals it.
 */
import type { SocietyDoc } from '../collections';
import type { BankAccount } from '../../miniprogram/domain/registry';
import { openStored, seal } from '../cases/pii';

export function sealBankAccount(account: BankAccount | null): NonNullable<SocietyDoc['bankAccount']> | null {
  if (!account) return null;
  return {
    accountName: seal(account.accountName),
    bankName: account.bankName,
    accountNumber: seal(account.accountNumber),
  };
}

export function openBankAccount(society: Pick<SocietyDoc, 'bankAccount'>): BankAccount | null {
  const stored = society.bankAccount ?? null;
  if (!stored) return null;
  return {
    accountName: openStored(stored.accountName),
    bankName: stored.bankName,
    accountNumber: openStored(stored.accountNumber),
  };
}
