import { shippedCatalog } from '../../../lib/catalog/load-catalog';
import { analyzeMessage } from '../../../lib/core/analyze';
import { THREAT_CATEGORIES } from '../../../lib/core/classify';
import type { Category } from '../../../lib/core/types';

const catalog = shippedCatalog();
const classify = (text: string) => analyzeMessage(text, catalog).verdict;

// One plain example per category and language, written for these tests (not taken from the evaluation set).
const EXAMPLES: [Category, string][] = [
  ['otp_unsolicited', 'Your Google verification code is 583920. Do not share it.'],
  ['otp_unsolicited', '【LINE】認証番号:4821 この番号を他人に教えないでください。'],
  ['otp_share_request', 'Hi, I sent a code to your phone by mistake, can you send it to me? It is a 6-digit code.'],
  ['otp_share_request', 'ごめん、間違えてコードを送っちゃった。届いた番号を教えてくれる?'],
  ['phishing_link', 'You have 1 new voicemail. Listen here: https://vm-inbox.top/a8'],
  ['phishing_link', '【重要】お客様へのお知らせがあります https://info-center.xyz/n'],
  [
    'delivery_scam',
    'USPS: your package could not be delivered due to an incomplete address. Update: https://usps-redelivery.top/x',
  ],
  [
    'delivery_scam',
    'お客様宛にお荷物のお届けにあがりましたが不在の為持ち帰りました。配送物は下記よりご確認ください http://sagawa-xq.top',
  ],
  [
    'payment_or_billing_scam',
    'E-ZPass: you have an unpaid toll of $4.35. Pay now to avoid a late fee: https://ezpass-toll.icu/pay',
  ],
  ['payment_or_billing_scam', '【国税庁】未払いの税金があります。本日中にお支払いください https://nta-go-jp.vip/pay'],
  [
    'account_alert_scam',
    'PayPal: your account has been limited due to unusual activity. Verify now: https://paypal-verify.top',
  ],
  [
    'account_alert_scam',
    '【三井住友銀行】お客様の口座が一時停止されました。本人確認をお願いします https://smbc-kakunin.top',
  ],
  [
    'prize_or_refund_scam',
    'Congratulations! You have won a $500 gift voucher. Claim your prize: https://claim-reward.top',
  ],
  ['prize_or_refund_scam', '【楽天】ポイント進呈のお知らせ。期限内に受け取ってください https://rakuten-point.top/get'],
  ['impersonation_chat', 'Hi Mum, this is my new number, my phone broke. Can you message me on WhatsApp?'],
  ['impersonation_chat', 'お母さん、携帯が壊れたから新しい番号になったよ。LINE交換しよう'],
  [
    'callback_scam',
    'Your card was charged $899 for an iPhone order. If this was not you, call us now on +1 202 555 0143.',
  ],
  [
    'callback_scam',
    '有料動画の未納料金が発生しています。本日中にご連絡ください。連絡がない場合は法的措置に移行します。03-5555-0123',
  ],
  [
    'legit_notification',
    'Your Amazon order has shipped. Track it at https://www.amazon.co.jp/gp/your-account/order-history',
  ],
  ['legit_notification', 'ヤマト運輸です。お荷物は本日お届け予定です。 https://www.kuronekoyamato.co.jp/'],
  ['signin_help', "I can't sign in to my Amazon account, what should I do?"],
  ['signin_help', 'Amazonにログインできない'],
  ['other', 'Running 10 minutes late, see you at the station'],
  ['other', '明日の打ち合わせ、15時からでお願いします'],
];

describe('classify: one example per category in each language', () => {
  it.each(EXAMPLES)('%s ← %s', (category, text) => {
    const verdict = classify(text);
    expect(verdict.category).toBe(category);
    expect(verdict.evidence.length).toBeGreaterThan(0);
    expect(verdict.risk === 'low').toBe(!THREAT_CATEGORIES.has(category));
  });
});

describe('classify: evidence explains the verdict', () => {
  it('names the look-alike domain and the imitated brand', () => {
    const verdict = classify('Your parcel is waiting: https://yamato-tvo.xyz/track');
    expect(verdict.brand).toBe('yamato');
    expect(verdict.evidence[0]).toEqual({
      code: 'link_lookalike_name',
      params: { domain: 'yamato-tvo.xyz', brand: 'yamato' },
    });
  });

  it("adds the brand's own notice when it says it never texts this", () => {
    const verdict = classify('佐川急便よりお荷物のお届けにあがりましたが不在の為持ち帰りました http://sagawa-xq.top');
    expect(verdict.evidence.map((e) => e.code)).toContain('brand_notice');
  });

  it('treats a premium-rate callback number as such', () => {
    const verdict = classify('URGENT! You have won a £2000 prize. To claim call +44 9061 701461 now');
    expect(verdict.category).toMatch(/callback_scam|prize_or_refund_scam/);
    expect(verdict.risk).not.toBe('low');
  });

  it('does not take a brand written as a domain for an official link that vouches for the text', () => {
    const verdict = classify(
      'Amazon.com: we detected a suspicious transaction and deactivated your account. Verify now.',
    );
    expect(verdict.category).toBe('account_alert_scam');
  });

  it('does not call an everyday text with a door code a sign-in code', () => {
    expect(classify('The door code is 4521, come on up').category).toBe('other');
  });

  it('reads a code the person blanked out before forwarding as a code', () => {
    expect(classify('お客様のAmazon確認コード○○○○○○です。')).toMatchObject({
      category: 'otp_unsolicited',
      brand: 'amazon',
    });
    expect(classify('XXXXXX is your Microsoft account security code')).toMatchObject({ category: 'otp_unsolicited' });
  });

  it("knows Google Messages' own number check, sent without being asked, for a genuine one", () => {
    expect(classify('Google is verifying your number for Chat features 123456').category).toBe('legit_notification');
  });

  it('counts a link blanked out in the copy as a link nobody vouches for, when a lure surrounds it', () => {
    const en = classify('Your parcel is held at our depot until the redelivery fee is paid. Pay here: [link]');
    expect(en.category).toBe('delivery_scam');
    expect(en.evidence.map((e) => e.code)).toContain('link_hidden');
    const ja = classify('お荷物をお届けに伺いましたが不在のため持ち帰りました。再配達はこちら(URL省略)');
    expect(ja.category).toBe('delivery_scam');
    expect(ja.evidence.map((e) => e.code)).toContain('link_hidden');
    expect(classify('Here are the photos from Saturday [link]').category).toBe('other');
  });

  it('counts a lure word once, not once per shorter word inside it, so a plain delivery notice stays harmless', () => {
    expect(THREAT_CATEGORIES.has(classify('【佐川急便】お荷物の配達が完了しました。').category)).toBe(false);
    expect(classify('Amazon: Your package was delivered to the front porch.').category).toBe('legit_notification');
  });

  it('reads an account said to be limited, with a number to call, as a callback scam', () => {
    expect(classify('Your account has been limited. Call 0800 123 4567 to restore access.').category).toBe(
      'callback_scam',
    );
  });

  it('lets a status report that gives no way to act stay harmless, however many lure words it has', () => {
    const dhl = classify('DHL: your shipment 5512 is scheduled for delivery on Friday, tracking in the DHL app.');
    expect(dhl).toMatchObject({ category: 'legit_notification', brand: 'dhl', risk: 'low' });
    expect(dhl.evidence.map((e) => e.code)).toEqual(['status_only']);
    expect(classify('【ソフトバンク】ご請求金額が確定しました。ご利用料金はMy SoftBankでご確認ください。').risk).toBe(
      'low',
    );
  });

  it('keeps a status report under suspicion when it carries a hook, a link or a number, or asks for something', () => {
    expect(classify('お荷物を発送しましたが、宛先不明のため保管しております').risk).not.toBe('low');
    expect(
      classify('DHL: your shipment is scheduled for delivery. Pay the customs fee: https://dhl-fee.top').risk,
    ).toBe('high');
    expect(
      classify('Your order has shipped but delivery is suspended. Call +1 202 555 0143 to release it.').category,
    ).toBe('callback_scam');
    expect(classify('FedEx: your parcel is on its way. Reply with your full address so we can deliver it.').risk).toBe(
      'high',
    );
    expect(classify('【ヤマト運輸】お荷物を発送しました。お受け取りには関税のお支払いが必要です。').risk).toBe('high');
  });

  it('lets a notice link to a site under a suffix only vetted organisations can register, when no brand is claimed', () => {
    const notice = classify(
      '【横浜市】市県民税の納期限は7月1日です。詳しくは https://www.city.yokohama.lg.jp/kurashi/zei/',
    );
    expect(notice).toMatchObject({ category: 'legit_notification', risk: 'low' });
    expect(notice.evidence.map((e) => e.code)).toEqual(['link_restricted']);
    // With a lure, a hook word or a demand around it, it may be a hacked company site: it vouches for nothing.
    expect(
      classify('お支払い方法に問題があります。本日中に更新してください https://tanaka-kogyo.co.jp/wp/pay').risk,
    ).toBe('high');
    expect(
      classify('お荷物が住所不備のため保管中です。再配達はこちら https://tanaka-kogyo.co.jp/wp/redelivery').risk,
    ).toBe('high');
  });

  it('counts an e-mail address, a chat app or an app to install as a way to act', () => {
    expect(classify('Your refund was approved. Email your bank details to refunds.desk@gmail.com').risk).not.toBe(
      'low',
    );
    expect(
      classify('ご注文を受け付けました。返金のためLINE ID: refund_jp88 を友達追加してください。').evidence,
    ).not.toContainEqual({ code: 'status_only', params: {} });
    expect(
      classify('Your parcel is on its way. Install the TrackNow app to choose a delivery time.').evidence,
    ).not.toContainEqual({ code: 'status_only', params: {} });
    expect(
      classify('Amazon: your package is on its way. Tap the link in the email we sent to confirm delivery.').risk,
    ).toBe('high');
  });

  it('lets a confirmation of what the person asked for stay harmless despite the hook word in it', () => {
    expect(classify('ヤマト運輸です。再配達のご依頼を受け付けました。明日18-20時にお届けします。').risk).toBe('low');
  });

  it('calls a signed notice with no known pattern a notification, and an unsigned everyday text other', () => {
    expect(classify('【市立図書館】ご予約の本が用意できました。').category).toBe('legit_notification');
    expect(classify('City Library: the book you reserved is waiting at the front desk.').category).toBe(
      'legit_notification',
    );
    expect(classify('Dentist is at 9:15 on Thursday, dont forget').category).toBe('other');
  });

  it("hears the person's own sign-in trouble told as what happened, not asked", () => {
    expect(classify('楽天銀行アプリにログインしようとしたら「ロックされました」と出ました').category).toBe(
      'signin_help',
    );
    expect(classify('LINEのアカウントがロックされて、電話番号の確認を求められました').category).toBe('signin_help');
    expect(classify('メルカリのIDがわからなくなりました').category).toBe('signin_help');
    expect(classify('my bank app says my account is locked').category).toBe('signin_help');
    // Everyday chat that only shares a word with it stays everyday chat.
    expect(classify("It's £6 to get in, is that ok?").category).toBe('other');
  });

  it("hears the person's own sign-in trouble in more ways of asking", () => {
    expect(classify('イオンカードのアプリのパスワードを再設定したい').category).toBe('signin_help');
    expect(classify('I forgot my Netflix password and the reset email never arrives').category).toBe('signin_help');
  });

  it("trusts a calm notice's link to the domain named like its signature, and no real link that is a decoy", () => {
    const united = classify(
      'United: Flight UA1423 SFO to ORD is delayed. New departure 4:55 PM. Details at https://www.united.com/',
    );
    expect(united).toMatchObject({ category: 'legit_notification', risk: 'low' });
    expect(united.evidence.map((e) => e.code)).toEqual(['link_sender_site']);
    // A sender can buy the domain of the name it signs with: with a lure, that link is judged as any other.
    const toll = classify('Tollpay: You have unpaid tolls. Pay now at https://tollpay.com/pay');
    expect(toll.risk).toBe('high');
    expect(toll.evidence.map((e) => e.code)).toContain('link_unknown');
    expect(
      classify('DPD: Your parcel will be delivered today between 11:52 and 12:52. Manage your delivery at dpd.co.uk')
        .risk,
    ).toBe('low');
  });

  it('lets a bill signed by a company link to the domain of its name, but not a failed delivery from a made-up courier', () => {
    const bill = classify(
      'Verizon: Your bill is ready. Amount due: $92.45 by 06/18. View or pay at verizon.com/mybill',
    );
    expect(bill).toMatchObject({ category: 'legit_notification', risk: 'low' });
    expect(classify('Courier Desk: We could not deliver your parcel. Reschedule at courierdesk.com/r/8812').risk).toBe(
      'high',
    );
  });

  it('trusts a bare official domain given as the place to go, not one that is only the sender label', () => {
    expect(
      classify(
        'NZ Post: We tried to deliver your parcel today. Collect it after 10am tomorrow or manage it at nzpost.co.nz',
      ).risk,
    ).toBe('low');
    expect(classify('Amazon.com: Your account has been locked. Call 1-888-555-0143 to unlock it.').risk).toBe('high');
  });

  it('counts a classic hook strongly enough that a branded fragment without a link is still a threat', () => {
    expect(classify('【ゆうちょ銀行】お客様の口座の利用を制限しました').risk).toBe('high');
    expect(classify('Chase: there is suspicious activity on your account').risk).toBe('high');
    // The person's own trouble with a locked account is a question, not a forwarded hook.
    expect(classify('楽天のパスワードを何回も間違えてロックされました').category).toBe('signin_help');
  });

  it('reads a purchase the person never made, with a number to undo it, as a callback scam', () => {
    expect(
      classify(
        'Apple: Your order of a MacBook Pro ($2,499.00) is confirmed. If you did not place this order, call 1-844-555-0189',
      ).category,
    ).toBe('callback_scam');
    expect(
      classify(
        '楽天市場でのご注文(ノートPC 148,000円)を承りました。お心当たりのない場合は050-3184-2291までご連絡ください。',
      ).category,
    ).toBe('callback_scam');
    // A bank's notice of a changed password with its help desk's number names no purchase.
    expect(
      classify(
        '【みずほ銀行】ログインパスワードが変更されました。お心当たりのない場合はヘルプデスク(0120-324-286)までご連絡ください。',
      ).risk,
    ).toBe('low');
  });

  it("hears a Japanese sender's promise never to ask for money as a mark of a genuine notice", () => {
    expect(
      classify(
        '【国税庁】確定申告の期限は3月17日です。e-Taxなら24時間提出できます。税務署からSMSでお金を請求することはありません。',
      ).risk,
    ).toBe('low');
  });

  it('tells a refund or benefit to collect from a parcel to collect', () => {
    expect(classify('【総務省】給付金の受け取り手続きが未完了です https://kyufu-soumu.top').category).toBe(
      'prize_or_refund_scam',
    );
    expect(classify("Hello, I found your number in my contacts but I don't remember who you are.").category).toBe(
      'impersonation_chat',
    );
  });

  it("lets a notice that only points to the company's own app, site, counter or card stay harmless", () => {
    const bill = classify(
      '【ドコモ】ご利用料金のお支払いが確認できておりません。お支払い方法はMy docomoアプリでご確認ください。',
    );
    expect(bill).toMatchObject({ category: 'legit_notification', risk: 'low' });
    expect(bill.evidence.map((e) => e.code)).toEqual(['official_channel_only']);
    expect(
      classify(
        'Citi: We blocked your card ending 1234 after unusual activity. Please call the number on the back of your card.',
      ).risk,
    ).toBe('low');
    // Beside a link, a number or an app to install from a store, the official way is a decoy.
    expect(
      classify('【ドコモ】ご利用料金のお支払いが確認できておりません。アプリでご確認ください https://docomo-pay.top')
        .risk,
    ).toBe('high');
    expect(
      classify('Your parcel could not be delivered. Download the ParcelNow app from the App Store to book a new slot.')
        .risk,
    ).not.toBe('low');
  });

  it("reads a bank's promise never to ask for a PIN, or a warning about scams, as care, not as a code message", () => {
    expect(
      classify(
        'Capital One: We locked your card ending in 3319 after unusual activity. Review it in the Capital One app. We will never ask for your PIN.',
      ).risk,
    ).toBe('low');
    expect(
      classify('SPF: Beware of scammers. Never share your OTP. If unsure, call the ScamShield Helpline at 1799.').risk,
    ).toBe('low');
    // A quoted code message with its code cut out is still one.
    expect(
      classify('est votre mot de passe à usage unique Amazon. Ne le partagez pas avec qui que ce soit.').category,
    ).toBe('otp_unsolicited');
  });

  it('lets a missed delivery held for collection in person stay harmless, and trusts the initials of a signature as its site', () => {
    expect(
      classify(
        'Canada Post: Your package could not be delivered. It will be ready for pickup at the post office after 1 PM tomorrow. Bring ID.',
      ).risk,
    ).toBe('low');
    expect(classify('Kaiser Permanente: Your lab results are ready. View them at kp.org or in the app.').risk).toBe(
      'low',
    );
    expect(classify('Singapore Airlines: Online check-in for SQ 322 is now open at singaporeair.com.').risk).toBe(
      'low',
    );
  });

  it("trusts a number the company publishes, not a stranger's", () => {
    const alert = (number: string) =>
      classify(
        `Wells Fargo: Your card ending 1234 was used for $88.10 at SHELL. If you don't recognize this, call ${number}.`,
      );
    expect(alert('1-800-869-3557').risk).toBe('low');
    expect(alert('1-833-241-7790').category).toBe('callback_scam');
  });

  it("reads a number with the numbering plan of the one country the named company serves, and trusts it if it is the company's", () => {
    const payee = classify(
      "CommBank: A new payee was added in NetBank today. If this wasn't you, call us on 13 2221 straight away.",
    );
    expect(payee.risk).toBe('low');
    expect(
      classify(
        "CommBank: A new payee was added in NetBank today. If this wasn't you, call us on 0480 012 345 straight away.",
      ).category,
    ).toBe('callback_scam');
  });

  it("does not count the company's own address to report scams to as a way to a stranger", () => {
    expect(
      classify(
        "Westpac will never text you a link asking you to log in. If you get one, don't click it - forward it to hoax@westpac.com.au",
      ).risk,
    ).toBe('low');
  });

  it('calls a job or an investment group behind a chat link a chat lure, and a gift card to claim a prize', () => {
    expect(classify('【副業】スマホで1日30分、日給2万円以上!詳しくはLINEで→ https://lin.ee/Ab12Cd').category).toBe(
      'impersonation_chat',
    );
    expect(
      classify('Our members earned 30% with free daily crypto signals. Join the Telegram group: t.me/+Kx8vQz').category,
    ).toBe('impersonation_chat');
    expect(
      classify("Congratulations! You've been selected for a $500 Walmart gift card. Claim: wmt-gift.top/c").category,
    ).toBe('prize_or_refund_scam');
    // Money sent through a payment app is money sent to a stranger, whatever app is named.
    expect(
      classify('Your loan of $5,000 was approved. Send the $150 processing fee via Cash App to receive the funds.')
        .risk,
    ).not.toBe('low');
  });

  it('hears a sender warning about scams in its name as a genuine sender', () => {
    expect(
      classify('【関西電力】当社を名乗る不審なSMSにご注意ください。SMSで料金をお支払いいただくことはありません。').risk,
    ).toBe('low');
    expect(
      classify("O2: Scammers may pretend to be us. We'll never text you a link asking for your bank details.").risk,
    ).toBe('low');
  });

  it("reads an address that is not the claimed brand's, or a chat elsewhere, as the scam's channel", () => {
    const locked = classify('Your Apple ID is locked. https://www.apple.com/ Contact apple.unlock@gmail.com');
    expect(locked.risk).toBe('high');
    expect(locked.evidence[0]).toEqual({ code: 'email_not_official', params: { domain: 'gmail.com', brand: 'apple' } });
    expect(classify('Amazon support: write to amazonhelp(at)outlook.com to cancel the order').risk).toBe('high');
    expect(
      classify('【楽天】アカウントに不正アクセスがありました。https://www.rakuten.co.jp/ LINEで友だち追加してください')
        .risk,
    ).not.toBe('low');
    // An everyday call to act beside a real link is no decoy.
    expect(
      classify('Amazon: Sign-in attempt detected. Click https://www.amazon.com/a/c/r/Kx9Z2 to approve or deny.').risk,
    ).toBe('low');
  });
});
