// Every date a user sees is Beijing time; the code computes it explicitly, and the tests run
// in the same zone a phone in the county would.
module.exports = async () => {
  process.env.TZ = 'Asia/Shanghai';
};
