/**
 * Sentences of the kind students and parents write before their question: who they are,
 * where from, their family. Training puts them in front of the knowledge base's own
 * phrasings so the model learns that a story says nothing about which answer is wanted.
 * Written for this purpose, generic on purpose; no evaluation message is among them.
 */
import type { Lang } from '../types';

export const STORY_SENTENCES: Record<Lang, readonly string[]> = {
  vi: [
    'Em chào anh chị ạ.',
    'Em là học sinh lớp 12 ở Bình Định.',
    'Em năm nay 18 tuổi, nhà ở huyện miền núi.',
    'Nhà em có ba anh chị em, bố mẹ làm thuê.',
    'Gia đình em khó khăn, mẹ bị bệnh lâu năm.',
    'Em học cũng khá, điểm tổng kết được 7 phẩy.',
    'Em thích máy tính từ nhỏ nhưng nhà không có máy.',
    'Tôi là phụ huynh, con tôi vừa thi xong tốt nghiệp.',
    'Con trai tôi năm nay 19 tuổi, đang ở nhà phụ gia đình.',
    'Nhà tôi ở Quảng Trị, làm ruộng, thu nhập thấp.',
    'Em đang đi làm công nhân được một năm rồi.',
    'Em đã tốt nghiệp cấp ba năm ngoái.',
    'Mình là cựu sinh viên, giờ đang đi làm ở Đà Nẵng.',
    'Em ở Đắk Lắk, là người dân tộc Ê Đê.',
    'Em có đọc thông tin trên mạng nhưng chưa hiểu rõ.',
    'Em có tìm hiểu một chút rồi mà vẫn còn phân vân.',
    'Bạn em giới thiệu cho em chương trình này.',
    'Thầy giáo ở trường có nói qua cho lớp em.',
    'Em đang học năm hai đại học ngành công nghệ thông tin.',
    'Em mới bắt đầu tự học lập trình được vài tháng.',
    'Em đang làm kỹ sư phần mềm được ba năm.',
    'Vợ chồng tôi đều làm nông, không rành mấy chuyện này.',
    'Em xin lỗi nếu hỏi hơi nhiều.',
    'Em cảm ơn ạ.',
    'Mong anh chị trả lời giúp em.',
    'nha e o quang ngai, ba me lam ray',
    'e 19t r, hoc xong 12 nam ngoai',
    'e hoc cung tam tam thoi a',
  ],
  en: [
    'Hi there.',
    'I am 18 and I live in a small village in Central Vietnam.',
    'My family is poor and my parents are farmers.',
    'I just finished high school this summer.',
    'I have been working in a factory for a year.',
    'My son is 19 and he loves computers.',
    'I am a parent and my daughter is in grade 12.',
    'I read about this online but I am still confused.',
    'A friend told me about this programme.',
    'I am a software developer with three years of experience.',
    'I graduated from university last year.',
    'I started learning to code on my own a few months ago.',
    'Sorry if this is a silly question.',
    'Thanks a lot in advance.',
    'Please help me.',
    'hey so im a student from hue',
    'idk much about this stuff',
    'been thinking about this for a while',
  ],
};

/** Ways of leading into the question after a story. */
export const ASK_LEADS: Record<Lang, readonly string[]> = {
  vi: ['Cho em hỏi', 'Xin hỏi', 'Em muốn hỏi là', 'cho e hoi', 'ad cho em hỏi', 'Tôi muốn hỏi', ''],
  en: ['I wanted to ask:', 'My question is', 'so', 'Can you tell me', ''],
};
