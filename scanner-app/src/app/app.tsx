export function App() {
  return <main><h1>卡口查验</h1></main>;
}
